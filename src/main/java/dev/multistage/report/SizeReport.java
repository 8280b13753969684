package dev.multistage.report;

import dev.multistage.image.Image;
import dev.multistage.image.Layer;
import dev.multistage.plan.ReportPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
  public static final String STEP_SUMMARY = StepSummary.VARIABLE;

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
        JsonReport.MAPPER.readTree(reportJson.toFile()).path("layers")
            .forEach(l -> digests.add(l.path("digest").asText()));
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

  /** Writes {@code report.json}, {@code report.md} and {@code report.html} into {@code directory}. */
  public void writeTo(Path directory) throws IOException {
    Files.write(directory.resolve("report.json"), JsonReport.bytes(this));
    Files.writeString(directory.resolve("report.md"), MarkdownReport.render(this));
    Files.writeString(directory.resolve("report.html"), HtmlReport.render(this));
  }

  /** See {@link ConsoleReport#lines}. */
  public List<String> consoleLines() {
    return ConsoleReport.lines(this);
  }

  /** See {@link StepSummary#append}. */
  public Optional<Path> appendToStepSummary(Map<String, String> environment) throws IOException {
    return StepSummary.append(this, environment);
  }

  /** See {@link Budgets#enforce}. */
  public void enforce(ReportPlan plan) {
    Budgets.enforce(this, plan);
  }

  /** Bytes in decimal units with one decimal, as {@code docker images} shows them ({@code 38.2 MB}). */
  public static String human(long bytes) {
    return Figures.bytes(bytes);
  }
}
