package dev.multistage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.image.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Variants of a stand-in OCI layout for platform tests: the same layers, other platforms in the configs. */
public final class OciLayouts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OciLayouts() {}

  /** A copy of an OCI layout whose config, manifest and index say linux/arm64; layer blobs are linked, not copied. */
  public static Path arm64CopyOf(Path layout, Path copy) throws IOException {
    Path blobs = Files.createDirectories(copy.resolve("blobs/sha256"));
    ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
    ObjectNode entry = (ObjectNode) index.path("manifests").get(0);
    entry.setAll(arm64Manifest(layout, entry.path("digest").asText(), blobs));
    ((ObjectNode) entry.path("platform")).put("architecture", "arm64");
    Files.write(copy.resolve("index.json"), JSON.writeValueAsBytes(index));
    Files.writeString(copy.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
    return copy;
  }

  /**
   * A layout holding a multi-platform base: an OCI index (named {@code latest}) of the layout's own linux/amd64
   * image and an arm64 twin of it, as {@code docker buildx} publishes one.
   */
  public static Path amd64AndArm64(Path layout, Path copy) throws IOException {
    Path blobs = Files.createDirectories(copy.resolve("blobs/sha256"));
    JsonNode original = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests").get(0);
    String amd64 = original.path("digest").asText();
    link(layout, amd64, blobs);
    JsonNode manifest = JSON.readTree(blob(layout, amd64).toFile());
    link(layout, manifest.path("config").path("digest").asText(), blobs);
    ObjectNode list = JSON.createObjectNode().put("schemaVersion", 2)
        .put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode manifests = list.putArray("manifests");
    manifests.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", amd64)
        .put("size", original.path("size").asLong()).putObject("platform").put("os", "linux")
        .put("architecture", "amd64");
    ObjectNode arm64 = manifests.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    arm64.setAll(arm64Manifest(layout, amd64, blobs));
    arm64.putObject("platform").put("os", "linux").put("architecture", "arm64");
    ObjectNode top = JSON.createObjectNode().put("schemaVersion", 2);
    ObjectNode entry = top.putArray("manifests").addObject()
        .put("mediaType", "application/vnd.oci.image.index.v1+json");
    entry.setAll(descriptor(blobs, JSON.writeValueAsBytes(list)));
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", "latest");
    Files.write(copy.resolve("index.json"), JSON.writeValueAsBytes(top));
    Files.writeString(copy.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
    return copy;
  }

  /** Writes an arm64 twin of manifest {@code digest} (config changed, layers linked); returns its descriptor. */
  private static ObjectNode arm64Manifest(Path layout, String digest, Path blobs) throws IOException {
    ObjectNode manifest = (ObjectNode) JSON.readTree(blob(layout, digest).toFile());
    ObjectNode config = (ObjectNode) JSON.readTree(blob(layout, manifest.path("config").path("digest").asText())
        .toFile());
    config.put("architecture", "arm64");
    ((ObjectNode) manifest.path("config")).setAll(descriptor(blobs, JSON.writeValueAsBytes(config)));
    for (JsonNode layer : manifest.path("layers")) {
      link(layout, layer.path("digest").asText(), blobs);
    }
    return descriptor(blobs, JSON.writeValueAsBytes(manifest));
  }

  private static void link(Path layout, String digest, Path blobs) throws IOException {
    Path target = blobs.resolve(digest.substring(7));
    if (!Files.exists(target)) {
      Files.createSymbolicLink(target, blob(layout, digest).toAbsolutePath());
    }
  }

  private static ObjectNode descriptor(Path blobs, byte[] content) throws IOException {
    String digest = Digests.of(content);
    Files.write(blobs.resolve(digest.substring(7)), content);
    return JSON.createObjectNode().put("digest", digest).put("size", content.length);
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }
}
