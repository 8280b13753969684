package dev.multistage.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class DeterministicGzipOutputStreamTest {

  /** Compressible but not trivial: words from a small vocabulary with random numbers, as class files and jars. */
  private static byte[] input(int size) {
    Random random = new Random(42);
    String[] words = {"java/lang/Object", "getName", "()V", "Code", "LineNumberTable", "org/example/"};
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    while (out.size() < size) {
      out.writeBytes(words[random.nextInt(words.length)].getBytes());
      out.write(random.nextInt(256));
    }
    byte[] bytes = out.toByteArray();
    return java.util.Arrays.copyOf(bytes, size);
  }

  private static byte[] gzip(byte[] data, int pieceSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeterministicGzipOutputStream gz = new DeterministicGzipOutputStream(out)) {
      for (int off = 0; off < data.length; off += pieceSize) {
        gz.write(data, off, Math.min(pieceSize, data.length - off));
      }
    }
    return out.toByteArray();
  }

  @Test
  void aLayerOfManyChunksCompressedInParallelIsOneGzipStreamOfTheSameBytes() throws IOException {
    byte[] data = input(DeterministicGzipOutputStream.CHUNK * 5 + 12345);

    byte[] compressed = gzip(data, 1 << 16);

    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      assertArrayEquals(data, in.readAllBytes());
    }
    assertTrue(compressed.length < data.length / 2, "compressed to " + compressed.length + " of " + data.length);
  }

  @Test
  void theBytesOutDependOnlyOnTheBytesInNotOnHowTheyWereWritten() throws IOException {
    byte[] data = input(DeterministicGzipOutputStream.CHUNK * 3 + 777);

    byte[] whole = gzip(data, data.length);
    byte[] pieces = gzip(data, 7001);

    assertArrayEquals(whole, pieces);
    assertArrayEquals(whole, gzip(data, 1 << 16), "two runs differ");
  }

  @Test
  void emptyAndTinyInputsAreValidGzip() throws IOException {
    for (byte[] data : new byte[][] {new byte[0], "x".getBytes(), input(DeterministicGzipOutputStream.CHUNK)}) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip(data, 4096)))) {
        assertArrayEquals(data, in.readAllBytes());
      }
    }
  }
}
