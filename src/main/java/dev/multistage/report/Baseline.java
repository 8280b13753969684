package dev.multistage.report;

import java.util.OptionalLong;

/**
 * The single-stage image the build is compared with: a one-stage Dockerfile's {@code FROM jdk-image; COPY app} —
 * the baseline image's layers plus this build's application layers.
 */
public sealed interface Baseline {

  /** No baseline image is configured. */
  record None() implements Baseline {}

  /** The baseline image could not be read; the report says why and the build goes on. */
  record Unavailable(String image, String reason) implements Baseline {}

  /**
   * The baseline's sizes, from the baseline image's manifest and this build's application layers.
   *
   * @param image the baseline image as configured
   * @param manifestDigest the platform manifest whose sizes were read
   * @param baseCompressedBytes the baseline image's layer blobs plus its config, as its manifest lists them
   * @param baseUncompressedBytes its layer tars; known only when the layers are local ({@code oci:}, {@code tar:})
   * @param appCompressedBytes this build's application layers (dependencies … classes) as blobs
   * @param appUncompressedBytes the same layers as tars
   */
  record Measured(String image, String manifestDigest, long baseCompressedBytes, OptionalLong baseUncompressedBytes,
      long appCompressedBytes, long appUncompressedBytes) implements Baseline {

    /** What pulling the single-stage image moves. */
    public long compressedBytes() {
      return baseCompressedBytes + appCompressedBytes;
    }

    /** What the single-stage image holds on disk, when the baseline's own layer tars are known. */
    public OptionalLong uncompressedBytes() {
      return baseUncompressedBytes.isPresent()
          ? OptionalLong.of(baseUncompressedBytes.getAsLong() + appUncompressedBytes) : OptionalLong.empty();
    }
  }
}
