package dev.multistage.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds layer tars the way other tools write them (./ prefixes, whiteouts, links), and reads tars back. */
public final class TestTars {
  private final List<TarArchiveEntry> headers = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();

  public static TestTars layer() {
    return new TestTars();
  }

  public TestTars dir(String name, int mode, int uid) {
    TarArchiveEntry header = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    header.setMode(0040000 | mode);
    header.setIds(uid, uid);
    return add(header, new byte[0]);
  }

  public TestTars file(String name, String text) {
    return file(name, text, 0644, 0);
  }

  public TestTars file(String name, String text, int mode, int uid) {
    return file(name, text, mode, uid, uid);
  }

  public TestTars file(String name, String text, int mode, int uid, int gid) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry header = new TarArchiveEntry(name);
    header.setMode(0100000 | mode);
    header.setIds(uid, gid);
    header.setSize(bytes.length);
    return add(header, bytes);
  }

  public TestTars symlink(String name, String target) {
    TarArchiveEntry header = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    header.setLinkName(target);
    header.setMode(0120777);
    return add(header, new byte[0]);
  }

  /** A character device node, such as {@code dev/null}. */
  public TestTars device(String name, int mode) {
    TarArchiveEntry header = new TarArchiveEntry(name, TarConstants.LF_CHR);
    header.setMode(0020000 | mode);
    return add(header, new byte[0]);
  }

  public TestTars hardlink(String name, String target) {
    TarArchiveEntry header = new TarArchiveEntry(name, TarConstants.LF_LINK);
    header.setLinkName(target);
    header.setMode(0100644);
    return add(header, new byte[0]);
  }

  /** An OCI whiteout: deletes {@code name} of the layers below. */
  public TestTars whiteout(String directory, String name) {
    return file(directory + "/.wh." + name, "");
  }

  public TestTars opaque(String directory) {
    return file(directory + "/.wh..wh..opq", "");
  }

  private TestTars add(TarArchiveEntry header, byte[] body) {
    headers.add(header);
    bodies.add(body);
    return this;
  }

  public byte[] tarBytes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (int i = 0; i < headers.size(); i++) {
        tar.putArchiveEntry(headers.get(i));
        tar.write(bodies.get(i));
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  public Path writeTar(Path file) throws IOException {
    Files.write(file, tarBytes());
    return file;
  }

  public Path writeGzip(Path file) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(tarBytes());
    }
    return file;
  }

  public static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  /** A read-back entry with the body of regular files. */
  public record Read(TarArchiveEntry header, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public static List<Read> readGzip(Path file) throws IOException {
    List<Read> read = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(gunzip(file)))) {
      for (TarArchiveEntry header; (header = tar.getNextEntry()) != null; ) {
        read.add(new Read(header, tar.readAllBytes()));
      }
    }
    return read;
  }
}
