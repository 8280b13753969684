package dev.multistage.image;

import java.util.OptionalLong;

/**
 * The sizes of an image that is only measured, never built on.
 *
 * @param digest what identifies it: its manifest digest, or its config digest for a docker-archive
 * @param compressedBytes its layer blobs plus its config: what pulling it moves
 * @param uncompressedBytes its layer tars; unknown when only its manifest was read
 */
public record ImageSizes(String digest, long compressedBytes, OptionalLong uncompressedBytes) {

  /** The sizes a manifest alone tells: the uncompressed ones are not among them. */
  public static ImageSizes of(Manifest manifest) {
    return new ImageSizes(manifest.digest(), manifest.compressedSize(), OptionalLong.empty());
  }
}
