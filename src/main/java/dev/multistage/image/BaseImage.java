package dev.multistage.image;

import dev.multistage.plan.BaseSource;
import java.util.List;
import java.util.Optional;

/**
 * A base image as pulled or read for one platform: its config and its layers, blobs on local disk.
 *
 * @param source where it came from
 * @param digest the digest that pins it: the manifest (or manifest list) digest the reference resolves to;
 *     empty for a tar without one
 * @param manifestDigest the digest of the platform-specific manifest that was used
 */
public record BaseImage(
    BaseSource source, Optional<String> digest, String manifestDigest, ImageConfig config, List<Layer> layers) {

  /** The reference for labels and reports: {@code name@digest} for registries, the path otherwise. */
  public String pinnedReference() {
    if (source instanceof BaseSource.Registry r) {
      return digest.map(r::pinnedTo).orElse(r.display());
    }
    return source.display();
  }
}
