package dev.multistage.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * One layer of an image: its compressed blob on disk, the digest of its uncompressed tar (the config's
 * {@code diff_id}), and what the report shows about it.
 *
 * @param name what the layer holds: {@code base}, {@code runtime}, {@code user}, {@code dependencies}, …
 * @param descriptor the compressed blob (gzip) as a manifest lists it
 * @param diffId {@code sha256:} of the uncompressed tar
 * @param uncompressedSize bytes of the uncompressed tar
 * @param files regular files, directories and links in the tar
 * @param blob where the compressed bytes are on disk
 * @param fromBase true for layers taken unchanged from the runtime base
 */
public record Layer(
    String name, Descriptor descriptor, String diffId, long uncompressedSize, int files, Path blob,
    boolean fromBase) {

  /** This layer under another media type family (the bytes are the same gzip stream). */
  public Layer as(ImageFormat format) {
    return new Layer(name, new Descriptor(format.layerMediaType, descriptor.digest(), descriptor.size()),
        diffId, uncompressedSize, files, blob, fromBase);
  }

  /** Bytes of the uncompressed tar: known when this build wrote it, else counted by decompressing the blob. */
  public long tarSize() throws IOException {
    if (uncompressedSize >= 0) {
      return uncompressedSize;
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(blob), 1 << 16)) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }
}
