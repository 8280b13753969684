package dev.multistage.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The commit the project is checked out at, read from {@code .git} without running git. */
final class GitRevision {
  private GitRevision() {}

  static Optional<String> of(Path basedir) {
    for (Path dir = basedir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path git = dir.resolve(".git");
      if (Files.isDirectory(git)) {
        return read(git);
      }
      if (Files.isRegularFile(git)) {
        try {
          String pointer = Files.readString(git).trim();
          if (pointer.startsWith("gitdir:")) {
            return read(dir.resolve(pointer.substring(7).trim()));
          }
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> read(Path git) {
    try {
      String head = Files.readString(git.resolve("HEAD")).trim();
      if (!head.startsWith("ref:")) {
        return head.matches("[0-9a-f]{40}") ? Optional.of(head) : Optional.empty();
      }
      String ref = head.substring(4).trim();
      Path loose = git.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return Optional.of(Files.readString(loose).trim());
      }
      Path packed = git.resolve("packed-refs");
      if (Files.isRegularFile(packed)) {
        for (String line : Files.readAllLines(packed)) {
          if (line.endsWith(" " + ref)) {
            return Optional.of(line.substring(0, 40));
          }
        }
      }
    } catch (IOException e) {
      // no revision label is better than a failed build
    }
    return Optional.empty();
  }
}
