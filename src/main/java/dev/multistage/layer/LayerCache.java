package dev.multistage.layer;

import dev.multistage.builder.SharedWork;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Layers by what they are made of. A layer whose entries — paths, types, modes, owners, and each source file's path,
 * size, modification time and inode — are those of a layer written before is that layer's blob again, found without
 * reading a file: a one-class change recompresses the classes layer alone. Shared by every module and build that
 * uses the same cache directory; records and blobs are written aside and moved into place, so a reader never sees
 * half of one.
 *
 * <p>What a record promises is checked cheaply on every use (the blob exists, with the recorded size); its digest was
 * computed when it was written, and a blob that does not match is refused by every registry and by {@code docker
 * load}. A file rewritten with the same size within the filesystem's timestamp resolution would go unseen; the
 * inode and nanosecond times make that practically impossible for build outputs.
 */
public final class LayerCache {
  /** Changes whenever the bytes written for the same entries change (the tar or gzip writer). */
  static final String FORMAT = "1";
  /** Records not used for this long are removed, with their blobs, by {@link #prune}. */
  static final long UNUSED_DAYS = 30;

  /** Layers being written in this JVM, by record: a reactor's modules share one plugin class loader. */
  private static final SharedWork<WrittenLayer> WRITING = new SharedWork<>();

  private final Path blobs;
  private final Path records;

  /** @param cacheDirectory the plugin's shared cache; layers go to its {@code layers/} folder */
  public LayerCache(Path cacheDirectory) {
    this.blobs = cacheDirectory.resolve("layers").resolve("blobs");
    this.records = cacheDirectory.resolve("layers").resolve("records");
  }

  /**
   * The layer of {@code entries}: the blob written for the same entries before, or a new one. Modules of one reactor
   * asking for the same layer at once (the same linked runtime) wait for the first to write it.
   */
  public WrittenLayer write(List<LayerEntry> entries) throws IOException {
    Path record = records.resolve(key(entries) + ".properties");
    Optional<WrittenLayer> known = read(record);
    if (known.isPresent()) {
      touch(record);
      return known.get();
    }
    return WRITING.once(record, () -> {
      Optional<WrittenLayer> meanwhile = read(record); // another process may have written it
      if (meanwhile.isPresent()) {
        return meanwhile.get();
      }
      WrittenLayer written = ReproducibleLayerWriter.write(entries, blobs);
      store(record, written);
      return written;
    });
  }

  /** The selector of a layer: every entry as the writer would see it, files by identity rather than content. */
  static String key(List<LayerEntry> entries) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    update(sha, "format " + FORMAT);
    List<LayerEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(LayerEntry::path));
    for (LayerEntry e : sorted) {
      update(sha, e.getClass().getSimpleName() + ' ' + e.path() + ' ' + Integer.toOctalString(e.mode()) + ' '
          + e.uid() + ':' + e.gid());
      if (e instanceof LayerEntry.File file) {
        BasicFileAttributes a = Files.readAttributes(file.source(), BasicFileAttributes.class);
        update(sha, file.source().toAbsolutePath() + " " + a.size() + ' '
            + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ' ' + a.fileKey());
      } else if (e instanceof LayerEntry.Content content) {
        update(sha, HexFormat.of().formatHex(Sha256.newDigest().digest(content.bytes())));
      } else if (e instanceof LayerEntry.Symlink link) {
        update(sha, link.target());
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, String line) {
    sha.update(line.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
  }

  private Optional<WrittenLayer> read(Path record) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      String digest = p.getProperty("digest");
      long size = Long.parseLong(p.getProperty("compressedSize"));
      Path blob = blobs.resolve(digest.substring(Sha256.PREFIX.length()) + ".tar.gz");
      if (!Files.isRegularFile(blob) || Files.size(blob) != size) {
        return Optional.empty(); // removed or damaged: written again
      }
      return Optional.of(new WrittenLayer(blob, digest, size, p.getProperty("diffId"),
          Long.parseLong(p.getProperty("uncompressedSize")), Integer.parseInt(p.getProperty("files"))));
    } catch (RuntimeException e) {
      return Optional.empty(); // a record from elsewhere or cut short: written again
    }
  }

  private void store(Path record, WrittenLayer w) throws IOException {
    Properties p = new Properties();
    p.setProperty("digest", w.digest());
    p.setProperty("compressedSize", Long.toString(w.compressedSize()));
    p.setProperty("diffId", w.diffId());
    p.setProperty("uncompressedSize", Long.toString(w.uncompressedSize()));
    p.setProperty("files", Integer.toString(w.files()));
    Files.createDirectories(records);
    Path temp = Files.createTempFile(records, "record-", ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(out, null);
      }
      Files.move(temp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A record's time says when it was last used, for {@link #prune}. */
  private static void touch(Path record) {
    try {
      Files.setLastModifiedTime(record, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // read-only cache: the record still serves, it is only pruned sooner
    }
  }

  /**
   * Removes records unused for {@value #UNUSED_DAYS} days and the blobs no remaining record names, so a cache that
   * sees a new classes layer on every change does not grow without end; at most once a day, so builds do not pay for
   * listing the cache each time.
   *
   * @return blobs removed
   */
  public int prune() throws IOException {
    Path marker = records.resolveSibling("pruned");
    long now = System.currentTimeMillis();
    if (Files.exists(marker) && Files.getLastModifiedTime(marker).toMillis() > now - TimeUnit.DAYS.toMillis(1)) {
      return 0;
    }
    Files.createDirectories(records);
    Files.write(marker, new byte[0]);
    return pruneUnusedSince(now - TimeUnit.DAYS.toMillis(UNUSED_DAYS));
  }

  /** Safe while other builds run: a blob is removed only when it is older than {@code cutoff} too. */
  int pruneUnusedSince(long cutoff) throws IOException {
    List<String> kept = new ArrayList<>();
    try (var list = Files.list(records)) {
      for (Path record : list.filter(r -> r.toString().endsWith(".properties")).toList()) {
        if (Files.getLastModifiedTime(record).toMillis() < cutoff) {
          Files.deleteIfExists(record);
        } else {
          read(record).ifPresent(w -> kept.add(w.blob().getFileName().toString()));
        }
      }
    }
    int removed = 0;
    if (Files.isDirectory(blobs)) {
      try (var list = Files.list(blobs)) {
        for (Path blob : list.toList()) {
          if (!kept.contains(blob.getFileName().toString())
              && Files.getLastModifiedTime(blob).toMillis() < cutoff && Files.deleteIfExists(blob)) {
            removed++;
          }
        }
      }
    }
    return removed;
  }
}
