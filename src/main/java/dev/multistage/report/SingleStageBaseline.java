package dev.multistage.report;

import dev.multistage.image.ImageSizes;
import dev.multistage.image.Layer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.Platform;
import dev.multistage.registry.RegistryImages;
import dev.multistage.archive.DockerArchive;
import dev.multistage.archive.OciLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Measures what a one-stage Dockerfile ({@code FROM baselineImage; COPY app}) would ship: the baseline image's own
 * blobs, from its manifest only (no layer is pulled), plus this build's application layers.
 */
public final class SingleStageBaseline {
  static final String PARAMETER = "baselineImage";

  private final RegistryImages registry;
  private final Path blobDirectory;

  /** @param blobDirectory where layers a docker-archive holds uncompressed are gzipped to be measured */
  public SingleStageBaseline(RegistryImages registry, Path blobDirectory) {
    this.registry = registry;
    this.blobDirectory = blobDirectory;
  }

  /**
   * The baseline for {@code platform}; never fails: an image that cannot be read is {@link Baseline.Unavailable}
   * with the reason.
   *
   * @param appLayers this build's application layers (dependencies … classes), which the single-stage image copies
   */
  public Baseline measure(Optional<BaseSource> image, Platform platform, List<Layer> appLayers) {
    if (image.isEmpty()) {
      return new Baseline.None();
    }
    BaseSource source = image.get();
    try {
      ImageSizes sizes = sizes(source, platform);
      long appCompressed = appLayers.stream().mapToLong(l -> l.descriptor().size()).sum();
      long appUncompressed = appLayers.stream().mapToLong(Layer::uncompressedSize).sum();
      return new Baseline.Measured(source.display(), sizes.digest(), sizes.compressedBytes(),
          sizes.uncompressedBytes(), appCompressed, appUncompressed);
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      return new Baseline.Unavailable(source.display(), reason);
    }
  }

  private ImageSizes sizes(BaseSource source, Platform platform) throws IOException {
    if (source instanceof BaseSource.Registry r) {
      return ImageSizes.of(registry.manifestOnly(r, platform, PARAMETER));
    }
    if (source instanceof BaseSource.Tar t) {
      return DockerArchive.sizes(t, blobDirectory, PARAMETER);
    }
    return OciLayout.sizes((BaseSource.OciLayout) source, platform, blobDirectory, PARAMETER);
  }
}
