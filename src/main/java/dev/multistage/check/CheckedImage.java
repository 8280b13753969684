package dev.multistage.check;

import dev.multistage.image.ImageConfig;
import dev.multistage.plan.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One image to check, for one platform.
 *
 * @param reference how it was named: the built image's reference, or what {@code check.image} said
 * @param digest its manifest digest, when known
 * @param tagOnly named in a registry by a tag without a digest
 * @param platforms the platforms it should be for (the configured {@code platforms})
 * @param layers its layer blobs, base first, gzip-compressed or plain tars
 */
public record CheckedImage(String reference, Optional<String> digest, boolean tagOnly, List<Platform> platforms,
    ImageConfig config, List<Path> layers) {

  public CheckedImage {
    platforms = List.copyOf(platforms);
    layers = List.copyOf(layers);
  }

  /** {@code linux/amd64} as the config says, or empty when it lacks os or architecture. */
  public Optional<String> platform() {
    if (config.os().isEmpty() || config.architecture().isEmpty()) {
      return Optional.empty();
    }
    String variant = config.json().path("variant").asText("");
    return Optional.of(config.os().get() + "/" + config.architecture().get()
        + (variant.isEmpty() ? "" : "/" + variant));
  }
}
