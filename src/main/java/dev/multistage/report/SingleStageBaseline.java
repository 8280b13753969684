package dev.multistage.report;

import dev.multistage.image.ImageSizes;
import dev.multistage.image.ImageSource;
import dev.multistage.image.Layer;
import dev.multistage.plan.Platform;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Measures what a one-stage Dockerfile ({@code FROM baselineImage; COPY app}) would ship: the baseline image's own
 * blobs, from its manifest only (no layer is pulled), plus this build's application layers.
 */
public final class SingleStageBaseline {
  static final String PARAMETER = "baselineImage";

  private SingleStageBaseline() {}

  /**
   * The baseline for {@code platform}; never fails: an image that cannot be read is {@link Baseline.Unavailable}
   * with the reason.
   *
   * @param image where the baseline image is read from, and how it is named; empty for no baseline
   * @param appLayers this build's application layers (dependencies … classes), which the single-stage image copies
   */
  public static Baseline measure(Optional<ImageSource> image, String display, Platform platform,
      List<Layer> appLayers) {
    if (image.isEmpty()) {
      return new Baseline.None();
    }
    try {
      ImageSizes sizes = image.get().sizes(platform);
      long appCompressed = appLayers.stream().mapToLong(l -> l.descriptor().size()).sum();
      long appUncompressed = appLayers.stream().mapToLong(Layer::uncompressedSize).sum();
      return new Baseline.Measured(display, sizes.digest(), sizes.compressedBytes(), sizes.uncompressedBytes(),
          appCompressed, appUncompressed);
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      return new Baseline.Unavailable(display, reason);
    }
  }
}
