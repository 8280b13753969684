package dev.multistage.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multistage.image.ImageFormat;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Which manifest of an OCI layout's index serves a platform, following nested indexes. */
final class LayoutManifestChoice {
  private LayoutManifestChoice() {}

  /**
   * The entry of {@code candidates} for {@code platform}; the only entry when it names no platform at all.
   *
   * @throws InvalidParameterException listing the platforms the layout offers
   */
  static JsonNode choose(LayoutBlobs blobs, List<JsonNode> candidates, Platform platform, String display)
      throws IOException {
    List<String> offered = new ArrayList<>();
    JsonNode only = candidates.size() == 1 ? candidates.get(0) : null;
    for (JsonNode c : candidates) {
      String mediaType = c.path("mediaType").asText();
      if (mediaType.equals(ImageFormat.OCI.indexMediaType) || mediaType.equals(ImageFormat.DOCKER.indexMediaType)) {
        List<JsonNode> nested = new ArrayList<>();
        blobs.json(c.path("digest").asText()).path("manifests").forEach(nested::add);
        return choose(blobs, nested, platform, display);
      }
      JsonNode p = c.path("platform");
      if (p.isMissingNode()) {
        continue;
      }
      String variant = p.path("variant").isMissingNode() ? null : p.path("variant").asText();
      if (platform.matches(p.path("os").asText(), p.path("architecture").asText(), variant)) {
        return c;
      }
      offered.add(p.path("os").asText() + "/" + p.path("architecture").asText());
    }
    if (only != null && only.path("platform").isMissingNode()) {
      return only;
    }
    throw new InvalidParameterException(blobs.parameter(), display + " has no " + platform + " image"
        + (offered.isEmpty() ? "." : "; it offers " + String.join(", ", offered) + "."),
        "use a base published for " + platform + ", or set <platforms> to one it offers.");
  }
}
