package dev.multistage.registry;

import dev.multistage.builder.CacheDirectories;
import dev.multistage.image.Digests;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Content-addressed blobs on disk, {@code <cacheDirectory>/blobs/sha256/<hex>}, shared by builds and JVMs.
 * An entry is only ever the complete, verified blob: writers fill a temp file and move it into place.
 */
public final class BlobCache {
  // a FileLock is held per JVM, so threads of one JVM also need an in-process lock per blob
  private static final ConcurrentHashMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

  private final Path directory;
  // digests whose entry this cache removed as corrupt, until they are stored again (see repaired)
  private final Set<String> removedAsCorrupt = ConcurrentHashMap.newKeySet();

  public BlobCache(Path cacheDirectory) {
    this.directory = cacheDirectory.resolve("blobs").resolve("sha256");
  }

  /** Where the blobs live. */
  public Path directory() {
    return directory;
  }

  /**
   * The cached blob when present and intact; a corrupt entry is deleted, reported as missing, and remembered
   * ({@link #wasRemovedAsCorrupt}).
   */
  public Optional<Path> get(String digest) throws IOException {
    Path file = pathOf(digest);
    if (isIntact(file, digest)) {
      return Optional.of(file);
    }
    if (Files.exists(file)) {
      // under the locks: a writer may have just replaced the corrupt entry with a good one, which must stay
      locked(digest, () -> {
        if (!isIntact(file, digest) && Files.deleteIfExists(file)) {
          removedAsCorrupt.add(digest);
        }
        return null;
      });
    }
    return Optional.empty();
  }

  /** Whether {@link #get} removed this digest's entry because its content did not match, and it is not back yet. */
  public boolean wasRemovedAsCorrupt(String digest) {
    return removedAsCorrupt.contains(digest);
  }

  /**
   * Whether storing {@code digest} just now repaired an entry found corrupt: true once, for the caller to say so.
   */
  public boolean repaired(String digest) {
    return Files.isRegularFile(pathOf(digest)) && removedAsCorrupt.remove(digest);
  }

  /**
   * Whether {@code file} holds {@code digest}'s bytes: hashed, unless it was hashed before and has not been written
   * since (same size, inode and ctime, recorded in {@code <hex>.verified}), so a known base costs no re-hashing.
   */
  private static boolean isIntact(Path file, String digest) throws IOException {
    try {
      if (!Files.isRegularFile(file)) {
        return false;
      }
      Path verified = file.resolveSibling(file.getFileName() + ".verified");
      String state = CacheDirectories.changed(file);
      if (!state.isEmpty() && Files.isRegularFile(verified) && Files.readString(verified).equals(state)) {
        return true;
      }
      if (!Digests.of(file).equals(digest)) {
        return false;
      }
      if (!state.isEmpty()) {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName() + "-", ".verifying");
        try {
          Files.writeString(temp, state);
          Files.move(temp, verified, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(temp);
        }
      }
      return true;
    } catch (NoSuchFileException replacedMeanwhile) {
      return false;
    }
  }

  /**
   * Stores the bytes {@code writer} writes under {@code digest} unless an intact entry exists.
   *
   * @throws IOException when the written bytes do not have {@code digest} (nothing is stored) or writing fails
   */
  public Path put(String digest, IOConsumer<OutputStream> writer) throws IOException {
    Path target = pathOf(digest);
    return locked(digest, () -> {
      if (isIntact(target, digest)) {
        return target;
      }
      deleteStaleTemps(digest);
      Path temp = Files.createTempFile(directory, hex(digest) + "-", ".tmp");
      try {
        MessageDigest md = Digests.sha256();
        try (OutputStream out = new DigestOutputStream(
            new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), md)) {
          writer.accept(out);
        }
        String actual = Digests.of(md);
        if (!actual.equals(digest)) {
          throw new IOException("the bytes received for blob " + digest + " have digest " + actual);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
      } finally {
        Files.deleteIfExists(temp);
      }
    });
  }

  /**
   * Removes what a build killed mid-download left for this blob: a writer holds the blob's locks while its temp file
   * exists, so one found by the lock holder belongs to nobody.
   */
  private void deleteStaleTemps(String digest) throws IOException {
    try (java.nio.file.DirectoryStream<Path> stale = Files.newDirectoryStream(directory, hex(digest) + "-*.tmp")) {
      for (Path temp : stale) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private interface LockedWork<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding the blob's lock for this JVM's threads and its file lock for other JVMs. */
  private <T> T locked(String digest, LockedWork<T> work) throws IOException {
    Path target = pathOf(digest);
    Files.createDirectories(directory);
    ReentrantLock threadLock = THREAD_LOCKS.computeIfAbsent(target.toAbsolutePath().normalize(),
        k -> new ReentrantLock());
    threadLock.lock();
    try (FileChannel channel = FileChannel.open(directory.resolve(hex(digest) + ".lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock fileLock = channel.lock()) {
      return work.run();
    } finally {
      threadLock.unlock();
    }
  }

  Path pathOf(String digest) {
    return directory.resolve(hex(digest));
  }

  private static String hex(String digest) {
    if (!Digests.isSha256(digest)) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    return digest.substring("sha256:".length());
  }
}
