package dev.multistage.testing;

import dev.multistage.builder.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** JDKs installed beside the one running the tests (under /usr/lib/jvm or /opt), to link with as toolchains do. */
public final class LocalJdks {
  private LocalJdks() {}

  /** An installed JDK of {@code feature}, with jmods or without (linking from its run-time image). */
  public static Optional<Jdk> find(int feature, boolean withJmods) {
    for (Path root : List.of(Path.of("/usr/lib/jvm"), Path.of("/opt"))) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> homes = Files.list(root)) {
        Optional<Jdk> found = homes.sorted().map(Jdk::at).flatMap(Optional::stream)
            .filter(j -> j.feature() == feature && j.jmods().isPresent() == withJmods).findFirst();
        if (found.isPresent()) {
          return found;
        }
      } catch (IOException e) {
        // an unreadable directory holds no JDK we can use
      }
    }
    return Optional.empty();
  }

  /**
   * A stand-in JDK of another version: {@code jdk}'s directories linked under {@code home}, with a release file
   * that says {@code version}. Its jlink still links {@code jdk}'s own modules; it stands in where only the choice of
   * JDK by feature version is under test.
   */
  public static Jdk relabelled(Jdk jdk, String version, Path home) {
    try {
      Files.createDirectories(home);
      try (Stream<Path> entries = Files.list(jdk.home())) {
        for (Path entry : entries.toList()) {
          if (!entry.getFileName().toString().equals("release")) {
            Files.createSymbolicLink(home.resolve(entry.getFileName()), entry.toRealPath());
          }
        }
      }
      Files.writeString(home.resolve("release"), Files.readString(jdk.home().resolve("release"))
          .replaceAll("JAVA_VERSION=\"[^\"]*\"", "JAVA_VERSION=\"" + version + "\""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Jdk.at(home).orElseThrow();
  }

  /** {@link #find}, or the test is skipped (failed with CI=true) naming what is missing. */
  public static Jdk require(int feature, boolean withJmods) {
    Optional<Jdk> jdk = find(feature, withJmods);
    if (jdk.isEmpty()) {
      Requirements.missing("needs a JDK " + feature + (withJmods ? " with jmods" : " without jmods")
          + " under /usr/lib/jvm or /opt");
    }
    return jdk.orElseThrow();
  }
}
