package dev.multistage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.image.Image;
import dev.multistage.image.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a build produced, layer by layer, with the sizes a registry and a disk see.
 *
 * @param layers base layers first, as stacked in the image
 * @param compressedBytes what a pull moves: every layer blob plus the config
 * @param uncompressedBytes what a disk holds: every layer's tar
 */
public record SizeReport(
    String reference,
    String digest,
    String imageId,
    String platform,
    String user,
    String runtimeBase,
    Optional<String> builderBase,
    List<String> healthcheck,
    List<LayerRow> layers,
    long compressedBytes,
    long uncompressedBytes) {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One layer: what it holds, its sizes and digest, and whether the previous build had it already. */
  public record LayerRow(String name, int files, long compressedBytes, long uncompressedBytes, String digest,
      boolean reused) {}

  /**
   * The report of {@code image}; a layer counts as reused when {@code previousDigests} (the layer digests of the
   * last build's report) holds its digest.
   */
  public static SizeReport of(Image image, String reference, String runtimeBase, Optional<String> builderBase,
      Set<String> previousDigests) {
    List<LayerRow> rows = new ArrayList<>();
    for (Layer l : image.layers()) {
      rows.add(new LayerRow(l.name(), l.files(), l.descriptor().size(), l.uncompressedSize(), l.descriptor().digest(),
          previousDigests.contains(l.descriptor().digest())));
    }
    return new SizeReport(reference, image.manifestDescriptor().digest(), image.id(), image.platform().toString(),
        image.config().user().orElse(""), runtimeBase, builderBase, image.config().healthcheckTest(), rows,
        image.compressedSize(), image.uncompressedSize());
  }

  /** The layer digests recorded in an earlier {@code report.json}, empty when there is none or it is unreadable. */
  public static Set<String> layerDigestsOf(Path reportJson) {
    Set<String> digests = new HashSet<>();
    try {
      if (Files.isRegularFile(reportJson)) {
        JSON.readTree(reportJson.toFile()).path("layers").forEach(l -> digests.add(l.path("digest").asText()));
      }
    } catch (IOException e) {
      // an unreadable earlier report only means nothing counts as reused
    }
    return digests;
  }

  public JsonNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode image = root.putObject("image");
    image.put("reference", reference).put("digest", digest).put("id", imageId).put("platform", platform)
        .put("user", user);
    ArrayNode hc = image.putArray("healthcheck");
    healthcheck.forEach(hc::add);
    ObjectNode bases = root.putObject("bases");
    bases.put("runtime", runtimeBase);
    builderBase.ifPresentOrElse(b -> bases.put("builder", b), () -> bases.putNull("builder"));
    ArrayNode ls = root.putArray("layers");
    for (LayerRow l : layers) {
      ls.addObject().put("name", l.name()).put("files", l.files()).put("compressedBytes", l.compressedBytes())
          .put("uncompressedBytes", l.uncompressedBytes()).put("digest", l.digest()).put("reused", l.reused());
    }
    root.putObject("totals").put("compressedBytes", compressedBytes).put("uncompressedBytes", uncompressedBytes);
    return root;
  }

  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("## Image `").append(reference).append("`\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| digest | `").append(digest).append("` |\n");
    md.append("| platform | ").append(platform).append(" |\n");
    md.append("| user | ").append(user).append(" |\n");
    md.append("| runtime base | `").append(runtimeBase).append("` |\n");
    builderBase.ifPresent(b -> md.append("| builder image | `").append(b).append("` |\n"));
    md.append("| healthcheck | `").append(String.join(" ", healthcheck)).append("` |\n");
    md.append("| size | ").append(human(compressedBytes)).append(" compressed, ").append(human(uncompressedBytes))
        .append(" uncompressed |\n\n");
    md.append("| layer | files | compressed | uncompressed | digest | |\n|---|---:|---:|---:|---|---|\n");
    for (LayerRow l : layers) {
      md.append("| ").append(l.name()).append(" | ").append(l.files()).append(" | ").append(human(l.compressedBytes()))
          .append(" | ").append(human(l.uncompressedBytes())).append(" | `").append(l.digest(), 0, 19)
          .append("` | ").append(l.reused() ? "reused" : "new").append(" |\n");
    }
    md.append("| **total** | | **").append(human(compressedBytes)).append("** | **").append(human(uncompressedBytes))
        .append("** | | |\n");
    return md.toString();
  }

  /** The compact table for the build log. */
  public List<String> consoleLines() {
    List<String> lines = new ArrayList<>();
    lines.add("Image " + reference + " (" + platform + ", user " + user + ")");
    lines.add("  digest " + digest);
    lines.add(String.format(Locale.ROOT, "  %-22s %7s %11s %13s  %s", "layer", "files", "compressed", "uncompressed",
        "status"));
    for (LayerRow l : layers) {
      lines.add(String.format(Locale.ROOT, "  %-22s %7d %11s %13s  %s", l.name(), l.files(), human(l.compressedBytes()),
          human(l.uncompressedBytes()), l.reused() ? "reused" : "new"));
    }
    lines.add(String.format(Locale.ROOT, "  %-22s %7s %11s %13s", "total", "", human(compressedBytes),
        human(uncompressedBytes)));
    return lines;
  }

  /** Writes {@code report.json} and {@code report.md} into {@code directory}. */
  public void writeTo(Path directory) throws IOException {
    Files.write(directory.resolve("report.json"), JSON.writeValueAsBytes(toJson()));
    Files.writeString(directory.resolve("report.md"), toMarkdown());
  }

  /** Bytes in decimal units with one decimal, as {@code docker images} shows them ({@code 38.2 MB}). */
  public static String human(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
