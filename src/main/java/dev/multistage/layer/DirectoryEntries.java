package dev.multistage.layer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Layer entries for a directory tree on disk (a linked runtime), root-owned, keeping exec bits and symlinks. */
public final class DirectoryEntries {
  private DirectoryEntries() {}

  /** Entries for {@code dir} placed at {@code imagePath}, with its parent directories down from the root. */
  public static List<LayerEntry> of(Path dir, String imagePath) {
    List<LayerEntry> entries = new ArrayList<>();
    for (String p = ImagePath.parent(imagePath); !p.equals(ImagePath.ROOT); p = ImagePath.parent(p)) {
      entries.add(new LayerEntry.Directory(p, 0755, 0, 0));
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.sorted().toList()) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        String target = rel.isEmpty() ? imagePath : imagePath + "/" + rel;
        if (Files.isSymbolicLink(f)) {
          entries.add(new LayerEntry.Symlink(target, Files.readSymbolicLink(f).toString(), 0, 0));
        } else if (Files.isDirectory(f)) {
          entries.add(new LayerEntry.Directory(target, 0755, 0, 0));
        } else {
          entries.add(new LayerEntry.File(target, f, Files.isExecutable(f) ? 0755 : 0644, 0, 0));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }
}
