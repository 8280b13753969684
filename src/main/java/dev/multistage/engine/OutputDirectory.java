package dev.multistage.engine;

import dev.multistage.builder.CacheDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The output directory, written all at once: outputs go to a staging directory beside it and replace it only when
 * everything is written, so a failed build leaves nothing half-written behind.
 */
final class OutputDirectory implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private boolean committed;

  OutputDirectory(Path target) throws IOException {
    this.target = target.toAbsolutePath().normalize();
    Files.createDirectories(this.target.getParent());
    this.staging = Files.createTempDirectory(this.target.getParent(), "." + this.target.getFileName() + ".staging-",
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  /** Where to write outputs before {@link #commit()}. */
  Path staging() {
    return staging;
  }

  Path target() {
    return target;
  }

  /** Replaces the output directory with the staged one. */
  void commit() throws IOException {
    Path old = target.resolveSibling("." + target.getFileName() + ".old");
    CacheDirectories.deleteTree(old);
    if (Files.exists(target)) {
      move(target, old);
    }
    move(staging, target);
    committed = true;
    CacheDirectories.deleteTree(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        CacheDirectories.deleteTree(staging);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
