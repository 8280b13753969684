package dev.multistage.builder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

  /**
   * A directory beside {@code target} to make it in. While it is open this process holds a lock on it; the next
   * build that begins an entry in the same directory removes every work directory whose lock nobody holds — what a
   * killed build left. {@link #publish} it, then close it.
   */
  public static Work begin(Path target) throws IOException {
    Path parent = target.getParent();
    Files.createDirectories(parent);
    clearStale(parent);
    Path dir = parent.resolve(target.getFileName() + WORK + UUID.randomUUID());
    // the lock first, then the directory: a cleaner never finds the directory unlocked while its maker lives
    FileChannel channel = FileChannel.open(lockOf(dir), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.lock();
      HELD.add(dir);
      Files.createDirectory(dir);
      return new Work(dir, channel, lock);
    } catch (IOException | RuntimeException e) {
      HELD.remove(dir);
      channel.close();
      throw e;
    }
  }

  /** A work directory of {@link #begin}: its path, and the lock held on it until {@link #close()}. */
  public static final class Work implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private Work(Path path, FileChannel channel, FileLock lock) {
      this.path = path;
      this.channel = channel;
      this.lock = lock;
    }

    public Path path() {
      return path;
    }

    /** Deletes what is left of the directory (nothing, once published), then lets go of its lock. */
    @Override
    public void close() throws IOException {
      try {
        deleteTree(path);
        Files.deleteIfExists(lockOf(path));
      } finally {
        HELD.remove(path);
        lock.release();
        channel.close();
      }
    }
  }

  private static final String WORK = ".work-";
  // work directories this JVM holds: never opened by its own cleaner, as closing any channel to a lock file would
  // drop this process's lock on it (POSIX)
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private static Path lockOf(Path work) {
    return work.resolveSibling(work.getFileName() + ".lock");
  }

  /** Removes the work directories in {@code parent} whose lock nobody holds: their builds were killed. */
  static void clearStale(Path parent) throws IOException {
    List<Path> stale;
    try (Stream<Path> entries = Files.list(parent)) {
      stale = entries.filter(p -> p.getFileName().toString().contains(WORK) && Files.isDirectory(p)
          && !HELD.contains(p)).toList();
    }
    for (Path dir : stale) {
      try (FileChannel channel = FileChannel.open(lockOf(dir), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.tryLock()) {
        if (lock != null) {
          deleteTree(dir);
          Files.deleteIfExists(lockOf(dir));
        }
      } catch (OverlappingFileLockException | NoSuchFileException heldHereOrGone) {
        // begun by this JVM meanwhile, or removed by another cleaner
      }
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
          list.append(name).append('\t').append(Files.size(f)).append('\t').append(sha256(f)).append('\t')
              .append(changed(f)).append('\n');
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
      if (recorded.length > 3 && recorded[3].equals(changed(f)) && !recorded[3].isEmpty()) {
        continue; // not written since it was recorded: the kernel sets ctime on every change, no tool can set it back
      }
      if (recorded.length > 2 && !sha256(f).equals(recorded[2])) { // entries made before digests: size only
        return Optional.of(recorded[0] + " has other content than when it was made (its SHA-256 differs)");
      }
    }
    return Optional.empty();
  }

  /**
   * The file's size, inode and status-change time (ctime) where the filesystem tells them, else empty (then content
   * is hashed): the kernel sets ctime on every change and no tool sets it back, so the same value means not written.
   */
  public static String changed(Path file) {
    try {
      return Files.size(file) + " " + Files.getAttribute(file, "unix:ino") + " "
          + Files.getAttribute(file, "unix:ctime");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "";
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest sha = CacheKey.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Takes a damaged entry out of the cache: renamed aside to a work directory first, so no build picks it up half
   * deleted, and a build killed while deleting it leaves what the next one clears.
   */
  public static void evict(Path entry) throws IOException {
    try (Work aside = begin(entry)) {
      Files.delete(aside.path());
      try {
        Files.move(entry, aside.path(), StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        // another build evicted it first
      }
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
