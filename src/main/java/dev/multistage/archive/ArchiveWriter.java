package dev.multistage.archive;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * An uncompressed tar of an image (docker-archive or OCI archive) with fixed timestamps and root ownership. Blobs
 * go in by the kernel's file-to-file copy, not through the JVM: image.tar holds every layer, so this is most of what
 * writing it costs. Entry names are digests, always short enough for a plain ustar header.
 */
final class ArchiveWriter implements Closeable {
  private static final FileTime EPOCH = FileTime.from(Instant.EPOCH.plusSeconds(1));
  private static final ZipEncoding NAMES = ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8);
  private static final int BLOCK = TarConstants.DEFAULT_RCDSIZE;

  private final FileChannel out;

  ArchiveWriter(Path file) throws IOException {
    out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
  }

  void directory(String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    stamp(e, 0755);
    header(e);
  }

  void bytes(String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    stamp(e, 0644);
    e.setSize(content.length);
    header(e);
    write(ByteBuffer.wrap(content));
    pad(content.length);
  }

  void file(String name, Path source) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
      long size = in.size();
      TarArchiveEntry e = new TarArchiveEntry(name);
      stamp(e, 0644);
      e.setSize(size);
      header(e);
      for (long done = 0; done < size; ) {
        long n = in.transferTo(done, size - done, out);
        if (n <= 0 && in.size() < size) {
          throw new IOException(source + " got shorter while it was being written to " + name);
        }
        done += n;
      }
      pad(size);
    }
  }

  private void header(TarArchiveEntry e) throws IOException {
    if (e.getName().getBytes(StandardCharsets.UTF_8).length >= TarConstants.NAMELEN) {
      throw new IllegalArgumentException("tar entry name too long for a ustar header: " + e.getName());
    }
    byte[] header = new byte[BLOCK];
    e.writeEntryHeader(header, NAMES, false);
    write(ByteBuffer.wrap(header));
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      write(ByteBuffer.allocate(BLOCK - rest));
    }
  }

  private void write(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  private static void stamp(TarArchiveEntry e, int mode) {
    e.setLastModifiedTime(EPOCH);
    e.setMode((e.isDirectory() ? TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 : TarArchiveEntry.DEFAULT_FILE_MODE & ~0777) | mode);
    e.setIds(0, 0);
    e.setUserName("");
    e.setGroupName("");
  }

  /** Ends the archive as tar does: two zero blocks. */
  @Override
  public void close() throws IOException {
    try (out) {
      write(ByteBuffer.allocate(2 * BLOCK));
    }
  }
}
