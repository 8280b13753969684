package dev.multistage.engine;

import dev.multistage.image.BaseImage;
import dev.multistage.image.Image;
import dev.multistage.image.ImageIndex;
import dev.multistage.image.Layer;
import dev.multistage.layer.LayerCache;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.ManifestFormat;
import dev.multistage.plan.SecretLooking;
import dev.multistage.registry.BlobCache;
import dev.multistage.registry.PushResult;
import dev.multistage.registry.RegistryImages;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.report.Baseline;
import dev.multistage.report.ContainerSection;
import dev.multistage.report.RuntimeModules;
import dev.multistage.report.SingleStageBaseline;
import dev.multistage.report.SizeReport;
import dev.multistage.report.StepSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine's entry point: carries out an {@link ImagePlan} as a short list of steps (see {@link #run()}) —
 * application layers, runtime stage, image, baseline, report, outputs, budgets, push.
 */
public final class ImageBuild {
  /** Where a multi-platform build writes all its platforms and the manifest list, as an OCI layout. */
  public static final String INDEX_DIRECTORY = WriteOutputs.INDEX_DIRECTORY;
  /** The layer of the user's extra directories, between the reactor modules and the resources. */
  public static final String EXTRA_LAYER = AssembleImage.EXTRA_LAYER;

  private final ImagePlan plan;
  private final RegistryOptions registryOptions;
  private final Consumer<String> info;
  private final Consumer<String> warn;
  private final Map<String, String> environment;

  /** What a build produced. */
  public record Result(Image image, BaseImage runtimeBase, SizeReport report, Path outputDirectory,
      Optional<PushResult> pushed) {}

  public ImageBuild(ImagePlan plan, RegistryOptions registryOptions, Consumer<String> info, Consumer<String> warn) {
    this(plan, registryOptions, info, warn, Map.of());
  }

  /**
   * @param environment the build's environment variables; {@code GITHUB_STEP_SUMMARY} there gets the report's
   *     Markdown appended
   */
  public ImageBuild(ImagePlan plan, RegistryOptions registryOptions, Consumer<String> info, Consumer<String> warn,
      Map<String, String> environment) {
    this.plan = plan;
    this.environment = Map.copyOf(environment);
    // the plan decides about insecure registries; the caller's options bring credentials and logs
    this.registryOptions = registryOptions.withAllowInsecure(plan.bases().allowInsecureRegistries());
    // steps log from several threads
    this.info = line -> {
      synchronized (this) {
        info.accept(line);
      }
    };
    this.warn = line -> {
      synchronized (this) {
        warn.accept(line);
      }
    };
  }

  /**
   * The build, unless the last one's outputs still stand ({@link UpToDate}: same inputs, outputs untouched); then
   * nothing is built, the outputs are kept, and the result is empty.
   */
  public Optional<Result> runUnlessUpToDate() throws IOException {
    UpToDate upToDate = new UpToDate(plan);
    Optional<UpToDate.Inputs> inputs = upToDate.inputs();
    Optional<String> reason = inputs.isPresent() ? upToDate.reasonToBuild(inputs.get()) : Optional.of("");
    if (reason.isEmpty()) {
      checkBeforeWork();
      keep();
      return Optional.empty();
    }
    if (reason.get().startsWith(UpToDate.CHANGED)) {
      info.accept("Rebuilding the image, " + reason.get());
    }
    upToDate.forget();
    Result result = run();
    if (inputs.isPresent()) {
      upToDate.remember(inputs.get());
    }
    return Optional.of(result);
  }

  /** The build, step by step; steps that do not need each other's results run at the same time. */
  public Result run() throws IOException {
    checkBeforeWork();
    BlobCache cache = new BlobCache(plan.outputs().cacheDirectory());
    ImageSources sources = new ImageSources(new RegistryImages(registryOptions, cache, plan.bases().pulls()),
        plan.outputs().workDirectory().resolve("base-blobs"));
    BaseLoader loader = new BaseLoader(sources, plan.bases().requirePinnedBases());
    LayerCache layerCache = new LayerCache(plan.outputs().cacheDirectory());
    try (Steps steps = new Steps(Math.max(2, plan.target().platforms().size() + 1))) {
      Steps.Pending<Map<String, Layer>> written = steps.start(
          () -> WriteAppLayers.write(plan.appLayers(), plan.container().workingDir(), layerCache));
      List<Steps.Pending<AssembleImage.PlatformImage>> platforms = plan.target().platforms().stream()
          .map(p -> steps.start(() -> new AssembleImage(plan, layerCache)
              .assemble(p, new RuntimeStage(plan, loader, info, warn).stage(p), written.get())))
          .toList();
      List<AssembleImage.PlatformImage> built = Steps.all(platforms);
      AssembleImage.PlatformImage main = built.stream()
          .filter(b -> b.image().platform().equals(plan.target().platform())).findFirst().orElseThrow();
      Optional<ImageIndex> index = plan.target().multiPlatform()
          ? Optional.of(new ImageIndex(main.image().format(), built.stream().map(b -> b.image()).toList()))
          : Optional.empty();
      Baseline baseline = measureBaseline(sources, main.appLayers());
      SizeReport report = report(main, built, index, baseline);
      Path outputs = WriteOutputs.write(plan, main.image(), index, report);
      show(report, outputs);
      report.enforce(plan.report());
      Optional<PushResult> pushed = plan.target().push()
          ? Optional.of(new ImagePush(registryOptions, info).pushJustBuilt(plan.target().to(), plan.target().tags(),
              main.image(), index, main.staged().base(), outputs))
          : Optional.empty();
      pruneLayerCache(layerCache);
      return new Result(main.image(), main.staged().base(), report, outputs, pushed);
    }
  }

  /** Step, when nothing changed: the last build's outputs said to be kept, its report shown where CI shows it. */
  private void keep() throws IOException {
    Path outputs = plan.outputs().outputDirectory();
    String digest = Files.readString(outputs.resolve("image-digest"), StandardCharsets.UTF_8).trim();
    info.accept("Image " + plan.target().reference() + " is up to date (" + digest + "): nothing changed since the "
        + "last build, its outputs in " + outputs + " are kept.");
    info.accept("Report " + outputs.resolve("report.html").toUri());
    try {
      StepSummary.append(Files.readString(outputs.resolve("report.md"), StandardCharsets.UTF_8), environment)
          .ifPresent(f -> info.accept("Appended the report to " + f));
    } catch (IOException e) {
      warn.accept("Could not append the report to " + SizeReport.STEP_SUMMARY + ": " + e.getMessage());
    }
  }

  private void pruneLayerCache(LayerCache cache) {
    try {
      int removed = cache.prune();
      if (removed > 0) {
        info.accept("Layer cache: removed " + removed + " layers unused for a month");
      }
    } catch (IOException e) {
      warn.accept("Could not prune the layer cache: " + e.getMessage());
    }
  }

  /** What can be refused before any slow work: a target the push would reject, settings that lose data. */
  private void checkBeforeWork() {
    if (plan.target().push()) {
      TargetReference.parse(plan.target().to());
    }
    if (plan.target().format() == ManifestFormat.OCI && plan.service().healthcheck().enabled()) {
      warn.accept("format=oci: OCI image configs have no HEALTHCHECK field, so Docker and other OCI consumers drop "
          + "it; use format=docker to keep the healthcheck.");
    }
    SecretLooking.warnings(plan.container().environment()).forEach(warn);
  }

  /** Step: what a one-stage Dockerfile would ship, from the baseline image's manifest and the app layers. */
  private Baseline measureBaseline(ImageSources sources, List<Layer> appLayers) {
    Baseline baseline = SingleStageBaseline.measure(
        plan.report().baselineImage().map(b -> sources.of(b, "baselineImage")),
        plan.report().baselineImage().map(BaseSource::display).orElse(""), plan.target().platform(), appLayers);
    if (baseline instanceof Baseline.Unavailable u) {
      warn.accept("Single-stage baseline " + u.image() + " unavailable, the report has no comparison: " + u.reason());
    }
    return baseline;
  }

  /** Step: the size report of the image, with a row per platform for a multi-platform build. */
  private SizeReport report(AssembleImage.PlatformImage main, List<AssembleImage.PlatformImage> built,
      Optional<ImageIndex> index, Baseline baseline) {
    Set<String> previous = SizeReport.layerDigestsOf(plan.outputs().outputDirectory().resolve("report.json"));
    ContainerSection container = ContainerSection.of(plan.container(), main.image().config(), main.extraFiles());
    SizeReport report = SizeReport.of(main.image(), plan.target().reference(), main.staged().base().pinnedReference(),
        main.staged().linked().map(l -> new RuntimeModules(l.linkedBy(), l.builderImage(), l.runtime().modules())),
        baseline, previous, container);
    if (index.isEmpty()) {
      return report;
    }
    List<SizeReport> each = new ArrayList<>();
    for (AssembleImage.PlatformImage b : built) {
      each.add(SizeReport.of(b.image(), plan.target().reference(), b.staged().base().pinnedReference(),
          Optional.empty(), new Baseline.None(), previous, container));
    }
    return report.withPlatforms(index.get().descriptor().digest(), each);
  }

  /** Step: the report in the build log and, on GitHub Actions, the job summary. */
  private void show(SizeReport report, Path outputs) {
    report.consoleLines().forEach(info);
    info.accept("Report " + outputs.resolve("report.html").toUri());
    try {
      report.appendToStepSummary(environment).ifPresent(f -> info.accept("Appended the report to " + f));
    } catch (IOException e) {
      warn.accept("Could not append the report to " + SizeReport.STEP_SUMMARY + ": " + e.getMessage());
    }
  }
}
