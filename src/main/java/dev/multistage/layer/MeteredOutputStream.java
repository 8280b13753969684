package dev.multistage.layer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and hashes the bytes that pass through, so a layer's digest and size need no second read. */
final class MeteredOutputStream extends FilterOutputStream {
  private final MessageDigest digest = Sha256.newDigest();
  private long count;

  MeteredOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    digest.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    digest.update(b, off, len);
    count += len;
  }

  long count() {
    return count;
  }

  /** The hex sha256 of everything written; call once, after the last write. */
  String hex() {
    return Sha256.hex(digest);
  }
}
