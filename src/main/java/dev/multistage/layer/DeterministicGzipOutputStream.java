package dev.multistage.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream whose bytes depend only on the bytes in: a fixed header (no mtime, no file name, OS "unknown"), and
 * deflate done the same way whatever the machine. Large layers are compressed on every core, as pigz does: the input
 * is cut into {@value #CHUNK}-byte chunks, each deflated on its own with the previous chunk's last 32 KiB as its
 * dictionary and ended by a sync flush, and the pieces joined in order. How many cores ran changes the time, never
 * the bytes.
 */
final class DeterministicGzipOutputStream extends OutputStream {
  static final int CHUNK = 1 << 20;
  private static final int WINDOW = 32 * 1024;
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Shared by every layer of every build in this JVM: the machine has only so many cores. */
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
    Thread t = new Thread(r, "multistage-gzip");
    t.setDaemon(true);
    return t;
  });

  private final OutputStream out;
  private final CRC32 crc = new CRC32();
  private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
  private byte[] chunk = new byte[CHUNK];
  private int filled;
  private byte[] dictionary;
  private long size;
  private boolean finished;
  private boolean closed;

  DeterministicGzipOutputStream(OutputStream out) throws IOException {
    this.out = out;
    out.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    crc.update(b, off, len);
    size += len;
    while (len > 0) {
      int n = Math.min(len, CHUNK - filled);
      System.arraycopy(b, off, chunk, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == CHUNK) {
        submit(false);
      }
    }
  }

  /** Hands the filled chunk to the pool, and writes finished pieces while too many are waiting. */
  private void submit(boolean last) throws IOException {
    byte[] data = chunk;
    int length = filled;
    byte[] dict = dictionary;
    pending.add(POOL.submit(() -> deflate(data, length, dict, last)));
    dictionary = length >= WINDOW ? Arrays.copyOfRange(data, length - WINDOW, length) : null;
    chunk = last ? null : new byte[CHUNK];
    filled = 0;
    while (pending.size() > 2 * THREADS) {
      writeNext();
    }
  }

  private void writeNext() throws IOException {
    try {
      out.write(pending.remove().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing a layer");
    } catch (ExecutionException e) {
      throw new IOException("compressing a layer failed", e.getCause());
    }
  }

  private static byte[] deflate(byte[] data, int length, byte[] dictionary, boolean last) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      if (dictionary != null) {
        deflater.setDictionary(dictionary);
      }
      deflater.setInput(data, 0, length);
      ByteArrayOutputStream piece = new ByteArrayOutputStream(length / 2 + 64);
      byte[] buffer = new byte[1 << 16];
      if (last) {
        deflater.finish();
        while (!deflater.finished()) {
          piece.write(buffer, 0, deflater.deflate(buffer));
        }
      } else {
        // a sync flush ends the piece on a byte boundary, so the next piece's bytes can follow it as they are
        int n;
        do {
          n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
          piece.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
      }
      return piece.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** Writes the last piece and the trailer (CRC-32 and size of the input); the underlying stream stays open. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    submit(true);
    while (!pending.isEmpty()) {
      writeNext();
    }
    writeIntLittleEndian(crc.getValue());
    writeIntLittleEndian(size);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
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
      pending.forEach(f -> f.cancel(true));
      out.close();
    }
  }

  private void writeIntLittleEndian(long value) throws IOException {
    for (int shift = 0; shift < 32; shift += 8) {
      out.write((int) (value >>> shift) & 0xff);
    }
  }
}
