package dev.multistage.builder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
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

  /** What a finished entry records of its files, so a damaged one (truncated, changed, deleted) is found. */
  static final String FILES = ".files";

  /** Records every regular file under {@code work} with its size and SHA-256, before {@link #publish}. */
  public static void recordFiles(Path work) throws IOException {
    StringBuilder list = new StringBuilder();
    try (Stream<Path> walk = Files.walk(work)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = work.relativize(f).toString();
        if (!name.equals(COMPLETE) && !name.equals(FILES)) {
          list.append(name).append('\t').append(Files.size(f)).append('\t').append(sha256(f)).append('\n');
        }
      }
    }
    Files.writeString(work.resolve(FILES), list);
  }

  /**
   * What is wrong with a complete entry against what it recorded — a file missing, of another size, or with other
   * content — or empty when every file is as it was made.
   */
  public static Optional<String> damage(Path entry) throws IOException {
    Path files = entry.resolve(FILES);
    if (!Files.isRegularFile(files)) {
      return Optional.empty(); // made before entries recorded their files
    }
    for (String line : Files.readAllLines(files)) {
      String[] recorded = line.split("\t");
      Path f = entry.resolve(recorded[0]);
      if (!Files.isRegularFile(f)) {
        return Optional.of(recorded[0] + " is missing");
      }
      if (Files.size(f) != Long.parseLong(recorded[1])) {
        return Optional.of(recorded[0] + " is " + Files.size(f) + " bytes, " + recorded[1] + " when it was made");
      }
      if (recorded.length > 2 && !sha256(f).equals(recorded[2])) { // entries made before digests: size only
        return Optional.of(recorded[0] + " has other content than when it was made (its SHA-256 differs)");
      }
    }
    return Optional.empty();
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest sha = CacheKey.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Takes a damaged entry out of the cache: renamed aside first, so no build picks it up half deleted. */
  public static void evict(Path entry) throws IOException {
    Path aside = Files.createTempDirectory(entry.getParent(), entry.getFileName() + ".damaged-");
    Files.delete(aside);
    try {
      Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // another build evicted it first
    }
    deleteTree(aside);
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
