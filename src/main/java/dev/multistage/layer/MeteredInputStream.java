package dev.multistage.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Counts, hashes and optionally copies the bytes read through it. Skips are reads, so a tar reader that skips
 * file bodies still hashes every byte; {@link #drain()} reads what the tar reader left after its end marker.
 */
final class MeteredInputStream extends FilterInputStream {
  private final MessageDigest digest = Sha256.newDigest();
  private final OutputStream copy;
  private long count;

  MeteredInputStream(InputStream in, OutputStream copy) {
    super(in);
    this.copy = copy;
  }

  MeteredInputStream(InputStream in) {
    this(in, OutputStream.nullOutputStream());
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      digest.update((byte) b);
      copy.write(b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
      copy.write(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int readlimit) {}

  @Override
  public void reset() throws IOException {
    throw new IOException("mark/reset would hash bytes twice");
  }

  void drain() throws IOException {
    byte[] buffer = new byte[1 << 16];
    while (read(buffer, 0, buffer.length) >= 0) {
      // read only to hash and copy
    }
  }

  long count() {
    return count;
  }

  /** The hex sha256 of everything read; call once, after {@link #drain()}. */
  String hex() {
    return Sha256.hex(digest);
  }
}
