package dev.multistage.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** An uncompressed tar of an image (docker-archive or OCI archive) with fixed timestamps and root ownership. */
final class ArchiveWriter implements Closeable {
  private static final FileTime EPOCH = FileTime.from(Instant.EPOCH.plusSeconds(1));
  private final TarArchiveOutputStream tar;

  ArchiveWriter(OutputStream out) {
    tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  void directory(String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    stamp(e, 0755);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  void bytes(String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    stamp(e, 0644);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  void file(String name, Path source) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    stamp(e, 0644);
    e.setSize(Files.size(source));
    tar.putArchiveEntry(e);
    Files.copy(source, tar);
    tar.closeArchiveEntry();
  }

  private static void stamp(TarArchiveEntry e, int mode) {
    e.setLastModifiedTime(EPOCH);
    e.setMode((e.isDirectory() ? TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 : TarArchiveEntry.DEFAULT_FILE_MODE & ~0777) | mode);
    e.setIds(0, 0);
    e.setUserName("");
    e.setGroupName("");
  }

  @Override
  public void close() throws IOException {
    tar.finish();
    tar.close();
  }
}
