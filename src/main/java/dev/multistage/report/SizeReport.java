package dev.multistage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.image.Image;
import dev.multistage.image.Layer;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.ReportPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a build produced, layer by layer, with the sizes a registry and a disk see, against the single-stage image
 * a one-stage Dockerfile would ship.
 *
 * @param builderBase the builder image whose jmods the runtime was linked from; empty when none was used
 * @param runtime the linked runtime's modules and what linked them; empty when the base's JRE is used
 * @param layers base layers first, as stacked in the image
 * @param compressedBytes what a pull moves: every layer blob plus the config
 * @param uncompressedBytes what a disk holds: every layer's tar
 * @param container how the container runs: command, working directory, what the user added
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
    Optional<RuntimeModules> runtime,
    List<LayerRow> layers,
    long compressedBytes,
    long uncompressedBytes,
    Baseline baseline,
    List<PlatformRow> platforms,
    ContainerSection container) {

  /** One platform of a multi-platform build: its own manifest digest and sizes. */
  public record PlatformRow(String platform, String digest, long compressedBytes, long uncompressedBytes) {}

  /**
   * This report (the default platform's) with every platform of a multi-platform build listed, and the digest the
   * tags point at: the manifest list's.
   */
  public SizeReport withPlatforms(String indexDigest, List<SizeReport> all) {
    List<PlatformRow> rows = all.stream()
        .map(r -> new PlatformRow(r.platform(), r.digest(), r.compressedBytes(), r.uncompressedBytes())).toList();
    return new SizeReport(reference, indexDigest, imageId, platform, user, runtimeBase, builderBase, healthcheck,
        runtime, layers, compressedBytes, uncompressedBytes, baseline, rows, container);
  }

  /** The environment variable GitHub Actions sets to the file a job step's Markdown summary is appended to. */
  public static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One layer: what it holds, its sizes and digest, and whether the previous build had it already. */
  public record LayerRow(String name, int files, long compressedBytes, long uncompressedBytes, String digest,
      boolean reused) {

    String status() {
      return reused ? "reused" : "new";
    }
  }

  /**
   * The report of {@code image}; a layer counts as reused when {@code previousDigests} (the layer digests of the
   * last build's report) holds its digest.
   */
  public static SizeReport of(Image image, String reference, String runtimeBase, Optional<RuntimeModules> runtime,
      Baseline baseline, Set<String> previousDigests, ContainerSection container) {
    List<LayerRow> rows = new ArrayList<>();
    for (Layer l : image.layers()) {
      rows.add(new LayerRow(l.name(), l.files(), l.descriptor().size(), l.uncompressedSize(), l.descriptor().digest(),
          previousDigests.contains(l.descriptor().digest())));
    }
    return new SizeReport(reference, image.manifestDescriptor().digest(), image.id(), image.platform().toString(),
        image.config().user().orElse(""), runtimeBase, runtime.flatMap(RuntimeModules::builderImage),
        image.config().healthcheckTest(), runtime, rows, image.compressedSize(), image.uncompressedSize(), baseline,
        List.of(), container);
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

  /** {@code 1 - image / single-stage}, both compressed; empty without a measured baseline. Negative when larger. */
  public OptionalDouble reduction() {
    return baseline instanceof Baseline.Measured m && m.compressedBytes() > 0
        ? OptionalDouble.of(1 - (double) compressedBytes / m.compressedBytes()) : OptionalDouble.empty();
  }

  /** {@code 38.2 MB vs 212.6 MB single-stage (-82%)}, or why there is no comparison; empty without a baseline. */
  public Optional<String> comparison() {
    if (baseline instanceof Baseline.Measured m) {
      long percent = Math.round(reduction().orElse(0) * 100);
      return Optional.of(human(compressedBytes) + " vs " + human(m.compressedBytes()) + " single-stage ("
          + (percent > 0 ? "-" + percent : percent < 0 ? "+" + -percent : "0") + "%)");
    }
    if (baseline instanceof Baseline.Unavailable u) {
      return Optional.of("single-stage baseline unavailable: " + u.reason());
    }
    return Optional.empty();
  }

  /**
   * Fails when the image breaks a budget of {@code plan}, with the figures; call it once the report is written.
   *
   * @throws InvalidParameterException naming {@code maxImageSize}, {@code minReduction}, or {@code baselineImage}
   *     when a reduction is required but the baseline could not be read
   */
  public void enforce(ReportPlan plan) {
    if (plan.maxImageBytes().isPresent() && compressedBytes > plan.maxImageBytes().getAsLong()) {
      long budget = plan.maxImageBytes().getAsLong();
      throw new InvalidParameterException("maxImageSize", "the image is " + human(compressedBytes)
          + " compressed, over the " + human(budget) + " budget by " + human(compressedBytes - budget)
          + "; its largest layers: " + largestLayers() + ".",
          "make the largest layers smaller (fewer modules or dependencies, a smaller runtime base), or raise "
              + "<maxImageSize> if the growth is intended.");
    }
    if (plan.minReduction().isEmpty()) {
      return;
    }
    double required = plan.minReduction().getAsDouble();
    if (baseline instanceof Baseline.Unavailable u) {
      throw new InvalidParameterException(SingleStageBaseline.PARAMETER, "the single-stage baseline " + u.image()
          + " could not be read, so <minReduction>" + required + "</minReduction> cannot be checked: " + u.reason(),
          "make " + u.image() + " readable from this build, point <baselineImage> at an image it can read "
              + "(registry, tar: or oci:), or remove <minReduction>.");
    }
    if (!(baseline instanceof Baseline.Measured m)) {
      throw new InvalidParameterException("minReduction", "there is no single-stage baseline to compare with.",
          "set <baselineImage>, or remove <minReduction>.");
    }
    double reduction = reduction().orElse(0);
    if (reduction < required) {
      throw new InvalidParameterException("minReduction", "the image is " + human(compressedBytes)
          + " compressed against " + human(m.compressedBytes()) + " single-stage (" + m.image() + "): "
          + percent(reduction) + " smaller, short of the " + percent(required) + " required.",
          "make the largest layers smaller (" + largestLayers() + "), or lower <minReduction>.");
    }
  }

  private String largestLayers() {
    return layers.stream().sorted(Comparator.comparingLong(LayerRow::compressedBytes).reversed()).limit(3)
        .map(l -> l.name() + " " + human(l.compressedBytes())).reduce((a, b) -> a + ", " + b).orElse("none");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  public JsonNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode image = root.putObject("image");
    image.put("reference", reference).put("digest", digest).put("id", imageId).put("platform", platform)
        .put("user", user);
    ArrayNode hc = image.putArray("healthcheck");
    healthcheck.forEach(hc::add);
    container.addTo(image);
    ObjectNode bases = root.putObject("bases");
    bases.put("runtime", runtimeBase);
    builderBase.ifPresentOrElse(b -> bases.put("builder", b), () -> bases.putNull("builder"));
    if (runtime.isPresent()) {
      RuntimeModules r = runtime.get();
      ObjectNode rt = root.putObject("runtime").put("linkedBy", r.linkedBy());
      r.builderImage().ifPresentOrElse(b -> rt.put("builderImage", b), () -> rt.putNull("builderImage"));
      ArrayNode modules = rt.putArray("modules");
      r.modules().reasons().forEach((name, reasons) -> {
        ArrayNode why = modules.addObject().put("name", name).putArray("reasons");
        reasons.forEach(why::add);
      });
    } else {
      root.putNull("runtime");
    }
    ArrayNode ls = root.putArray("layers");
    for (LayerRow l : layers) {
      ls.addObject().put("name", l.name()).put("files", l.files()).put("compressedBytes", l.compressedBytes())
          .put("uncompressedBytes", l.uncompressedBytes()).put("digest", l.digest()).put("reused", l.reused());
    }
    root.putObject("totals").put("compressedBytes", compressedBytes).put("uncompressedBytes", uncompressedBytes);
    if (!platforms.isEmpty()) {
      ArrayNode ps = root.putArray("platforms");
      platforms.forEach(p -> ps.addObject().put("platform", p.platform()).put("digest", p.digest())
          .put("compressedBytes", p.compressedBytes()).put("uncompressedBytes", p.uncompressedBytes()));
    }
    if (baseline instanceof Baseline.Measured m) {
      ObjectNode b = root.putObject("baseline").put("image", m.image()).put("available", true)
          .put("digest", m.manifestDigest()).put("compressedBytes", m.compressedBytes());
      if (m.uncompressedBytes().isPresent()) {
        b.put("uncompressedBytes", m.uncompressedBytes().getAsLong());
      } else {
        b.putNull("uncompressedBytes");
      }
      b.put("baseCompressedBytes", m.baseCompressedBytes());
      if (m.baseUncompressedBytes().isPresent()) {
        b.put("baseUncompressedBytes", m.baseUncompressedBytes().getAsLong());
      } else {
        b.putNull("baseUncompressedBytes");
      }
      b.put("appCompressedBytes", m.appCompressedBytes()).put("appUncompressedBytes", m.appUncompressedBytes());
    } else if (baseline instanceof Baseline.Unavailable u) {
      root.putObject("baseline").put("image", u.image()).put("available", false).put("reason", u.reason())
          .putNull("compressedBytes").putNull("uncompressedBytes");
    } else {
      root.putNull("baseline");
    }
    OptionalDouble reduction = reduction();
    if (reduction.isPresent()) {
      root.put("reduction", Math.round(reduction.getAsDouble() * 10_000) / 10_000.0);
    } else {
      root.putNull("reduction");
    }
    return root;
  }

  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("## Image `").append(reference).append("`\n\n");
    comparison().ifPresent(c -> md.append("**").append(c).append("**\n\n"));
    md.append("| | |\n|---|---|\n");
    md.append("| digest | `").append(digest).append("` |\n");
    md.append("| platform | ").append(platform).append(" |\n");
    md.append("| user | ").append(user).append(" |\n");
    md.append("| runtime base | `").append(runtimeBase).append("` |\n");
    builderBase.ifPresent(b -> md.append("| builder image | `").append(b).append("` |\n"));
    runtime.ifPresent(r -> md.append("| runtime linked by | ").append(r.linkedBy()).append(" |\n"));
    md.append("| healthcheck | `").append(String.join(" ", healthcheck)).append("` |\n");
    container.rows().forEach(r -> md.append("| ").append(r[0]).append(" | `").append(r[1].replace("|", "\\|"))
        .append("` |\n"));
    md.append("| size | ").append(human(compressedBytes)).append(" compressed, ").append(human(uncompressedBytes))
        .append(" uncompressed |\n");
    if (baseline instanceof Baseline.Measured m) {
      md.append("| single-stage | `").append(m.image()).append("` + app layers: ").append(human(m.compressedBytes()))
          .append(" compressed, ").append(m.uncompressedBytes().isPresent()
              ? human(m.uncompressedBytes().getAsLong()) : "unknown").append(" uncompressed |\n");
    }
    md.append("\n| layer | files | compressed | uncompressed | digest | |\n|---|---:|---:|---:|---|---|\n");
    for (LayerRow l : layers) {
      md.append("| ").append(l.name()).append(" | ").append(l.files()).append(" | ").append(human(l.compressedBytes()))
          .append(" | ").append(human(l.uncompressedBytes())).append(" | `").append(shortDigest(l.digest()))
          .append("` | ").append(l.status()).append(" |\n");
    }
    md.append("| **total** | | **").append(human(compressedBytes)).append("** | **").append(human(uncompressedBytes))
        .append("** | | |\n");
    if (!platforms.isEmpty()) {
      md.append("\n| platform | manifest digest | compressed | uncompressed |\n|---|---|---:|---:|\n");
      platforms.forEach(p -> md.append("| ").append(p.platform()).append(" | `").append(shortDigest(p.digest()))
          .append("` | ").append(human(p.compressedBytes())).append(" | ").append(human(p.uncompressedBytes()))
          .append(" |\n"));
    }
    runtime.ifPresent(r -> {
      md.append("\n| runtime module | why it is there |\n|---|---|\n");
      r.modules().reasons().forEach((name, reasons) ->
          md.append("| ").append(name).append(" | ").append(String.join(", ", reasons)).append(" |\n"));
    });
    return md.toString();
  }

  /** The compact table for the build log. */
  public List<String> consoleLines() {
    List<String> lines = new ArrayList<>();
    lines.add("Image " + reference + " (" + platform + ", user " + user + ")");
    lines.add("  digest " + digest);
    runtime.ifPresent(r -> lines.add("  runtime: " + r.modules().reasons().size() + " modules, linked by "
        + r.linkedBy()));
    lines.addAll(container.consoleLines());
    lines.add(String.format(Locale.ROOT, "  %-22s %7s %11s %13s  %s", "layer", "files", "compressed", "uncompressed",
        "status"));
    for (LayerRow l : layers) {
      lines.add(String.format(Locale.ROOT, "  %-22s %7d %11s %13s  %s", l.name(), l.files(), human(l.compressedBytes()),
          human(l.uncompressedBytes()), l.status()));
    }
    lines.add(String.format(Locale.ROOT, "  %-22s %7s %11s %13s", "total", "", human(compressedBytes),
        human(uncompressedBytes)));
    for (PlatformRow p : platforms) {
      lines.add(String.format(Locale.ROOT, "  %-30s %11s %13s  %s", "platform " + p.platform(),
          human(p.compressedBytes()), human(p.uncompressedBytes()), shortDigest(p.digest())));
    }
    if (baseline instanceof Baseline.Measured m) {
      lines.add("  " + comparison().orElseThrow() + ", single-stage = " + m.image() + " + app layers");
    } else if (baseline instanceof Baseline.Unavailable) {
      lines.add("  single-stage baseline unavailable (see the warning above)");
    }
    return lines;
  }

  /** Writes {@code report.json}, {@code report.md} and {@code report.html} into {@code directory}. */
  public void writeTo(Path directory) throws IOException {
    Files.write(directory.resolve("report.json"), JSON.writeValueAsBytes(toJson()));
    Files.writeString(directory.resolve("report.md"), toMarkdown());
    Files.writeString(directory.resolve("report.html"), HtmlReport.render(this));
  }

  /**
   * Appends the Markdown to the job summary file when {@code environment} names one, as GitHub Actions does with
   * {@value #STEP_SUMMARY}.
   *
   * @return the file appended to
   */
  public Optional<Path> appendToStepSummary(Map<String, String> environment) throws IOException {
    String file = environment.get(STEP_SUMMARY);
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    Path summary = Path.of(file);
    Files.writeString(summary, toMarkdown() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return Optional.of(summary);
  }

  /** {@code sha256:} and the first 12 hex digits. */
  static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) : digest;
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
