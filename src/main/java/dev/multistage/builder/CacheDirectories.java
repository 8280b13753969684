package dev.multistage.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Cache entries that are directories (linked runtimes, extracted jmods): made aside, marked complete, then moved
 * into place in one step, so a reader never sees half an entry and two builds making the same one both succeed.
 */
public final class CacheDirectories {
  /** The file a finished entry holds; an entry without it is not used. */
  public static final String COMPLETE = ".complete";

  private CacheDirectories() {}

  public static boolean isComplete(Path entry) {
    return Files.isRegularFile(entry.resolve(COMPLETE));
  }

  /**
   * Moves the finished {@code work} directory to {@code target}. When another build (thread or process) put the
   * same entry there first, that one is kept and {@code work} is deleted: on Linux the rename then fails with
   * "Directory not empty", a plain {@link FileSystemException}, not a {@code DirectoryNotEmptyException}.
   */
  public static void publish(Path work, Path target) throws IOException {
    try {
      Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(work, target);
    } catch (FileSystemException e) {
      if (!isComplete(target)) {
        throw e;
      }
    } finally {
      deleteTree(work);
    }
  }

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
