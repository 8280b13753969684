package dev.multistage.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A gzip stream whose header is fixed (no mtime, no file name, OS "unknown"), so the same bytes in give the same
 * bytes out whatever the clock or the JDK's choice of header fields.
 */
final class DeterministicGzipOutputStream extends DeflaterOutputStream {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final CRC32 crc = new CRC32();
  private long size;
  private boolean trailerWritten;
  private boolean closed;

  DeterministicGzipOutputStream(OutputStream out) throws IOException {
    super(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), 1 << 16);
    out.write(HEADER);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    super.write(b, off, len);
    crc.update(b, off, len);
    size += len;
  }

  @Override
  public void finish() throws IOException {
    if (trailerWritten) {
      return;
    }
    super.finish();
    writeIntLittleEndian(crc.getValue());
    writeIntLittleEndian(size);
    trailerWritten = true;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      finish();
    } finally {
      def.end();
      out.close();
    }
  }

  private void writeIntLittleEndian(long value) throws IOException {
    for (int shift = 0; shift < 32; shift += 8) {
      out.write((int) (value >>> shift) & 0xff);
    }
  }
}
