package dev.multistage.archive;

import dev.multistage.image.Layer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The uncompressed sizes of local base layers, counted once per blob digest and remembered beside the extracted
 * blobs: a layer's digest fixes its bytes, so a baseline measured again costs no decompression.
 */
final class TarSizes {
  private TarSizes() {}

  /** {@code layer}'s uncompressed tar size, from {@code blobDirectory/sizes/<hex>} when counted before. */
  static long of(Layer layer, Path blobDirectory) throws IOException {
    if (layer.uncompressedSize() >= 0) {
      return layer.uncompressedSize();
    }
    Path memo = blobDirectory.resolve("sizes").resolve(layer.descriptor().hex());
    try {
      return Long.parseLong(Files.readString(memo, StandardCharsets.US_ASCII).trim());
    } catch (NoSuchFileException | NumberFormatException e) {
      long size = layer.tarSize();
      Files.createDirectories(memo.getParent());
      Path temp = Files.createTempFile(memo.getParent(), "size-", ".tmp");
      try {
        Files.writeString(temp, Long.toString(size), StandardCharsets.US_ASCII);
        Files.move(temp, memo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      return size;
    }
  }
}
