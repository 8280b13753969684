package dev.multistage.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes layers whose bytes depend only on their entries: sorted by tar name, fixed mtimes, numeric owners with
 * no names, and a gzip stream without a timestamp. Same entries, same digest.
 */
public final class ReproducibleLayerWriter {
  /** One second after the epoch: some tools treat an mtime of 0 as "unknown". */
  public static final long MTIME_MILLIS = 1000L;

  private static final int TYPE_BITS = 0170000;
  private static final int PERMISSION_BITS = 07777;

  private ReproducibleLayerWriter() {}

  /**
   * Writes {@code entries} as {@code directory/<hex digest>.tar.gz}.
   *
   * @throws IllegalArgumentException if two entries have the same path, or an entry is the root
   */
  public static WrittenLayer write(List<LayerEntry> entries, Path directory) throws IOException {
    List<Named> sorted = sortedByTarName(entries);
    try (LayerBlobSink sink = LayerBlobSink.open(directory)) {
      TarArchiveOutputStream tar = new TarArchiveOutputStream(sink.tar(), StandardCharsets.UTF_8.name());
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (Named named : sorted) {
        put(tar, named);
      }
      tar.finish();
      tar.close();
      return sink.finish(sorted.size());
    }
  }

  /**
   * Compresses an existing uncompressed layer tar (from a {@code docker save} archive) the same deterministic way,
   * counting its entries on the way.
   */
  public static WrittenLayer gzip(Path uncompressedTar, Path directory) throws IOException {
    try (LayerBlobSink sink = LayerBlobSink.open(directory)) {
      int files = 0;
      try (MeteredInputStream in = new MeteredInputStream(Files.newInputStream(uncompressedTar), sink.tar())) {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        while (tar.getNextEntry() != null) {
          files++;
        }
        in.drain();
      }
      return sink.finish(files);
    }
  }

  private record Named(String tarName, byte[] key, LayerEntry entry) {}

  private static List<Named> sortedByTarName(List<LayerEntry> entries) {
    Map<String, LayerEntry> byPath = new HashMap<>();
    List<Named> named = new ArrayList<>(entries.size());
    for (LayerEntry entry : entries) {
      String path = ImagePath.absolute(entry.path());
      if (path.equals(ImagePath.ROOT)) {
        throw new IllegalArgumentException("a layer entry cannot be the root directory: '" + entry.path() + "'");
      }
      LayerEntry previous = byPath.putIfAbsent(path, entry);
      if (previous != null) {
        throw new IllegalArgumentException("the layer lists " + path + " twice: " + previous + " and " + entry);
      }
      String tarName = path.substring(1) + (entry instanceof LayerEntry.Directory ? "/" : "");
      named.add(new Named(tarName, tarName.getBytes(StandardCharsets.UTF_8), entry));
    }
    named.sort(Comparator.comparing(Named::key, Arrays::compareUnsigned));
    return named;
  }

  private static void put(TarArchiveOutputStream tar, Named named) throws IOException {
    TarArchiveEntry header = header(named.tarName(), named.entry());
    tar.putArchiveEntry(header);
    if (named.entry() instanceof LayerEntry.File file) {
      try (InputStream in = Files.newInputStream(file.source())) {
        long copied = in.transferTo(tar);
        if (copied != header.getSize()) {
          throw new IOException(file.source() + " changed size while it was being written to a layer");
        }
      }
    } else if (named.entry() instanceof LayerEntry.Content content) {
      tar.write(content.bytes());
    }
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry header(String tarName, LayerEntry entry) throws IOException {
    TarArchiveEntry header;
    int type;
    if (entry instanceof LayerEntry.Directory) {
      header = new TarArchiveEntry(tarName, TarConstants.LF_DIR, true);
      type = 0040000;
    } else if (entry instanceof LayerEntry.Symlink symlink) {
      header = new TarArchiveEntry(tarName, TarConstants.LF_SYMLINK, true);
      header.setLinkName(symlink.target());
      type = 0120000;
    } else if (entry instanceof LayerEntry.File file) {
      header = new TarArchiveEntry(tarName, TarConstants.LF_NORMAL, true);
      header.setSize(Files.size(file.source()));
      type = 0100000;
    } else {
      header = new TarArchiveEntry(tarName, TarConstants.LF_NORMAL, true);
      header.setSize(((LayerEntry.Content) entry).bytes().length);
      type = 0100000;
    }
    header.setMode((type & TYPE_BITS) | (entry.mode() & PERMISSION_BITS));
    header.setModTime(MTIME_MILLIS);
    header.setUserId(entry.uid());
    header.setGroupId(entry.gid());
    header.setUserName("");
    header.setGroupName("");
    return header;
  }
}
