package dev.multistage.layer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a layer's uncompressed tar is written: gzips it into a temp file, hashing both sides on the way, then
 * moves the blob to {@code <hex digest>.tar.gz}. Closing without {@link #finish} deletes the temp file.
 */
final class LayerBlobSink implements AutoCloseable {
  private final Path directory;
  private final Path temp;
  private final MeteredOutputStream compressed;
  private final MeteredOutputStream uncompressed;
  private boolean finished;

  private LayerBlobSink(Path directory, Path temp) throws IOException {
    this.directory = directory;
    this.temp = temp;
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
    try {
      this.compressed = new MeteredOutputStream(file);
      this.uncompressed = new MeteredOutputStream(new DeterministicGzipOutputStream(compressed));
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  static LayerBlobSink open(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, "layer-", ".tmp");
    try {
      return new LayerBlobSink(directory, temp);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** The uncompressed tar goes here; closing it is allowed, {@link #finish} closes it anyway. */
  OutputStream tar() {
    return uncompressed;
  }

  WrittenLayer finish(int files) throws IOException {
    uncompressed.close();
    String hex = compressed.hex();
    Path blob = directory.resolve(hex + ".tar.gz");
    if (Files.isRegularFile(blob) && Files.size(blob) == compressed.count()) {
      Files.delete(temp); // another build wrote the same bytes first
    } else {
      // absent, or cut short by a killed build: replaced whole, so readers see the old file or the new one
      Files.move(temp, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    finished = true;
    return new WrittenLayer(blob, Sha256.PREFIX + hex, compressed.count(), Sha256.PREFIX + uncompressed.hex(),
        uncompressed.count(), files);
  }

  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    try {
      uncompressed.close();
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
