package dev.multistage.engine;

import dev.multistage.image.BaseImage;
import dev.multistage.image.Descriptor;
import dev.multistage.image.Image;
import dev.multistage.image.ImageIndex;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.layer.BaseFilesystem;
import dev.multistage.layer.DirectoryEntries;
import dev.multistage.layer.ExtraLayer;
import dev.multistage.layer.LayerEntry;
import dev.multistage.layer.ReproducibleLayerWriter;
import dev.multistage.layer.UserLayer;
import dev.multistage.layer.WrittenLayer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ContainerSettings;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.LayerPlan;
import dev.multistage.plan.ManifestFormat;
import dev.multistage.plan.Platform;
import dev.multistage.plan.RuntimePlan;
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
import dev.multistage.archive.DockerArchive;
import dev.multistage.archive.OciLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The engine's entry point: carries out an {@link ImagePlan} — loads the runtime base, adds the user, probe and
 * application layers, writes {@code target/multistage/} all at once, and pushes when asked.
 */
public final class ImageBuild {
  /** Where a multi-platform build writes all its platforms and the manifest list, as an OCI layout. */
  public static final String INDEX_DIRECTORY = "index";
  /** The layer of the user's extra directories, between the reactor modules and the resources. */
  public static final String EXTRA_LAYER = "extra";

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
    this.registryOptions = registryOptions.withAllowInsecure(plan.allowInsecureRegistries());
    this.info = info;
    this.warn = warn;
  }

  public Result run() throws IOException {
    if (plan.push()) {
      TargetReference.parse(plan.to());
    }
    if (plan.format() == ManifestFormat.OCI && plan.healthcheck().enabled()) {
      warn.accept("format=oci: OCI image configs have no HEALTHCHECK field, so Docker and other OCI consumers drop "
          + "it; use format=docker to keep the healthcheck.");
    }
    SecretLooking.warnings(plan.container().environment()).forEach(warn);
    Path layerDir = plan.workDirectory().resolve("layers");
    BlobCache cache = new BlobCache(plan.cacheDirectory());
    RegistryImages registry = new RegistryImages(registryOptions, cache, plan.pulls());
    BaseLoader loader = new BaseLoader(registry, plan.workDirectory().resolve("base-blobs"), plan.requirePinnedBases());

    List<PlatformImage> built = new ArrayList<>();
    for (Platform platform : plan.platforms()) {
      built.add(buildFor(platform, loader, layerDir));
    }
    PlatformImage main = built.stream().filter(b -> b.image().platform().equals(plan.platform())).findFirst()
        .orElseThrow();
    Image image = main.image();
    BaseImage base = main.base();
    Optional<LinkedRuntimeStep.Linked> linked = main.linked();
    List<Layer> appLayers = main.appLayers();
    ImageFormat format = image.format();
    Optional<ImageIndex> index = plan.multiPlatform()
        ? Optional.of(new ImageIndex(format, built.stream().map(PlatformImage::image).toList()))
        : Optional.empty();
    Baseline baseline = new SingleStageBaseline(registry, plan.workDirectory().resolve("base-blobs"))
        .measure(plan.report().baselineImage(), plan.platform(), appLayers);
    if (baseline instanceof Baseline.Unavailable u) {
      warn.accept("Single-stage baseline " + u.image() + " unavailable, the report has no comparison: " + u.reason());
    }
    Set<String> previous = SizeReport.layerDigestsOf(plan.outputDirectory().resolve("report.json"));
    ContainerSection container = ContainerSection.of(plan.container(), image.config(), main.extraFiles());
    SizeReport report = SizeReport.of(image, plan.reference(), base.pinnedReference(),
        linked.map(l -> new RuntimeModules(l.linkedBy(), l.builderImage(), l.runtime().modules())), baseline,
        previous, container);
    if (index.isPresent()) {
      List<SizeReport> each = new ArrayList<>();
      for (PlatformImage b : built) {
        each.add(SizeReport.of(b.image(), plan.reference(), b.base().pinnedReference(), Optional.empty(),
            new Baseline.None(), previous, container));
      }
      report = report.withPlatforms(index.get().descriptor().digest(), each);
    }

    Path outputs;
    try (OutputDirectory out = new OutputDirectory(plan.outputDirectory())) {
      Path staging = out.staging();
      Path tar = staging.resolve("image.tar");
      if (format == ImageFormat.OCI) {
        OciLayout.writeArchive(image, plan.tags().get(0), tar);
      } else {
        DockerArchive.write(image, plan.tags().stream().map(t -> plan.to() + ":" + t).toList(), tar);
      }
      if (index.isPresent()) {
        OciLayout.writeIndexDirectory(index.get(), plan.tags().get(0), staging.resolve(INDEX_DIRECTORY));
      }
      // the digest the tags point at: the manifest list's when there are several platforms
      String digest = index.map(i -> i.descriptor().digest()).orElse(image.manifestDescriptor().digest());
      Files.writeString(staging.resolve("image-digest"), digest, StandardCharsets.UTF_8);
      Files.writeString(staging.resolve("image-id"), image.id(), StandardCharsets.UTF_8);
      report.writeTo(staging);
      out.commit();
      outputs = out.target();
    }
    report.consoleLines().forEach(info);
    info.accept("Report " + outputs.resolve("report.html").toUri());
    try {
      report.appendToStepSummary(environment).ifPresent(f -> info.accept("Appended the report to " + f));
    } catch (IOException e) {
      warn.accept("Could not append the report to " + SizeReport.STEP_SUMMARY + ": " + e.getMessage());
    }
    report.enforce(plan.report());

    Optional<PushResult> pushed = Optional.empty();
    if (plan.push()) {
      pushed = Optional.of(push(image, index, base, outputs));
    }
    return new Result(image, base, report, outputs, pushed);
  }

  /** The runtime stage for one platform: its base, runtime, user, probe and application layers, and config. */
  private PlatformImage buildFor(Platform platform, BaseLoader loader, Path layerDir) throws IOException {
    BaseImage base = loader.load(plan.runtimeBase(), platform, "runtimeImage");
    BaseFilesystem fs = BaseFilesystem.read(base.layers().stream().map(Layer::blob).toList(), UserLayer.FILES_READ);
    String java = plan.javaHome() + "/bin/java";

    Optional<LinkedRuntimeStep.Linked> linked = Optional.empty();
    boolean baseHasJava = fs.exists(java);
    if (plan.runtime().jlink() == RuntimePlan.Jlink.AUTO && baseHasJava) {
      info.accept("The runtime base has Java at " + plan.javaHome() + ": using it, not linking one "
          + "(a base without Java and jlink make a smaller image).");
    } else if (plan.runtime().linking()) {
      if (baseHasJava) {
        warn.accept("jlink=true on a runtime base that already has Java at " + plan.javaHome() + ": the linked "
            + "runtime replaces it in the container, but the base's copy still ships. Use a base without Java.");
      }
      try {
        linked = Optional.of(new LinkedRuntimeStep(plan.runtime(), platform, plan.cacheDirectory(), loader, info,
            warn, startCheck())
            .link(base, fs, plan.builderBase()));
      } catch (LinkedRuntimeStep.CannotLink e) {
        if (plan.runtime().jlink() == RuntimePlan.Jlink.ON) {
          throw new InvalidParameterException("jlink", "cannot link a runtime: " + e.getMessage(), e.fix);
        }
        warn.accept("jlink: " + e.getMessage() + " Falling back to a full JRE base. To link instead: " + e.fix
            + " To use a JRE base on purpose: <jlink>false</jlink>.");
        if (!fs.exists(java) && plan.runtime().fallbackRuntimeBase().isPresent()) {
          base = loader.load(plan.runtime().fallbackRuntimeBase().get(), platform, "runtimeImage");
          fs = BaseFilesystem.read(base.layers().stream().map(Layer::blob).toList(), UserLayer.FILES_READ);
        }
      }
    }
    info.accept("Runtime base " + base.pinnedReference());
    List<Layer> layers = new ArrayList<>(withStats(base, fs));

    if (linked.isPresent()) {
      layers.add(layer("runtime", DirectoryEntries.of(linked.get().runtime().directory(), plan.javaHome()),
          layerDir));
    } else if (!fs.exists(java)) {
      throw new InvalidParameterException(plan.runtime().linking() ? "runtimeImage" : "javaHome",
          base.source().display() + " has no Java at " + java
              + base.config().env().entrySet().stream().filter(e -> e.getKey().equals("JAVA_HOME"))
                  .map(e -> " (its JAVA_HOME is " + e.getValue() + ")").findFirst().orElse("") + ".",
          "use a runtime base with a JRE at <javaHome>, set <javaHome> to where its JRE is, or let jlink make one.");
    }

    ImageConfig config = base.config()
        .withPlatform(platform)
        .withCreated(plan.created());

    List<LayerEntry> userEntries = UserLayer.entries(fs, plan.user(), plan.container().workingDir());
    layers.add(layer("user", userEntries, layerDir));
    Set<String> belowExtra = new HashSet<>();
    userEntries.forEach(e -> belowExtra.add(e.path()));
    BaseFilesystem baseFs = fs;
    List<LayerEntry> extraEntries = ExtraLayer.entries(plan.container().extraDirectories(), plan.user(),
        p -> belowExtra.contains(p) || baseFs.exists(p));

    HealthcheckCommand healthcheck = null;
    if (plan.healthcheck().enabled()) {
      healthcheck = HealthcheckCommand.choose(plan.healthcheck(), fs, java);
      if (!healthcheck.probeLayer().isEmpty()) {
        layers.add(layer("probe", healthcheck.probeLayer(), layerDir));
      }
    }
    List<Layer> appLayers = new ArrayList<>();
    for (LayerPlan app : plan.appLayers()) {
      if (app.name().equals("resources") && !extraEntries.isEmpty()) {
        // extra files change less often than the application's resources and classes
        appLayers.add(layer(EXTRA_LAYER, extraEntries, layerDir));
      }
      if (!app.isEmpty()) {
        appLayers.add(layer(app.name(), appEntries(app), layerDir));
      }
    }
    if (!extraEntries.isEmpty() && appLayers.stream().noneMatch(l -> l.name().equals(EXTRA_LAYER))) {
      appLayers.add(layer(EXTRA_LAYER, extraEntries, layerDir));
    }
    layers.addAll(appLayers);

    for (Layer l : layers.subList(base.layers().size(), layers.size())) {
      config = config.withLayer(l.diffId(), "multistage: " + l.name() + " layer", plan.created());
    }
    config = ContainerConfig.apply(config, plan, base);
    config = healthcheck == null
        ? config.withoutHealthcheck()
        : config.withHealthcheck(healthcheck.test(), plan.healthcheck().interval(), plan.healthcheck().timeout(),
            plan.healthcheck().startPeriod(), plan.healthcheck().retries());

    ImageFormat format = plan.format() == ManifestFormat.OCI ? ImageFormat.OCI : ImageFormat.DOCKER;
    return new PlatformImage(new Image(platform, format, config, layers), base, linked, appLayers,
        ExtraLayer.fileCount(extraEntries));
  }

  /** The start-up check of the linked runtime: runs the main class, so none with an entrypoint of the user's. */
  private Optional<LinkedRuntimeStep.StartCheck> startCheck() {
    return plan.mainClass().isEmpty() ? Optional.empty()
        : Optional.of(new LinkedRuntimeStep.StartCheck(plan.mainClass(), plan.jvmFlags()));
  }

  /** One platform's image and what it was made from. */
  private record PlatformImage(Image image, BaseImage base, Optional<LinkedRuntimeStep.Linked> linked,
      List<Layer> appLayers, int extraFiles) {}

  private PushResult push(Image image, Optional<ImageIndex> index, BaseImage base, Path outputDirectory)
      throws IOException {
    TargetReference target = TargetReference.parse(plan.to());
    Optional<String> mountFrom = base.source() instanceof BaseSource.Registry r && r.registry().equals(target.registry())
        ? Optional.of(r.repository()) : Optional.empty();
    ImagePush push = new ImagePush(registryOptions, info);
    return index.isPresent()
        ? push.push(index.get(), target, plan.tags(), mountFrom, outputDirectory)
        : push.push(image, target, plan.tags(), mountFrom, outputDirectory);
  }


  /** Base layers with the file counts and sizes read from them; a diff_id that does not match is a corrupt base. */
  private static List<Layer> withStats(BaseImage base, BaseFilesystem fs) {
    List<Layer> out = new ArrayList<>();
    for (int i = 0; i < base.layers().size(); i++) {
      Layer l = base.layers().get(i);
      BaseFilesystem.LayerStats stats = fs.layers().get(i);
      if (l.diffId() != null && !l.diffId().equals(stats.diffId())) {
        throw new InvalidParameterException("runtimeImage", base.source().display() + " layer " + (i + 1)
            + " does not match its config (diff_id " + l.diffId() + ", content " + stats.diffId() + ").",
            "the base is corrupt: copy or pull it again.");
      }
      out.add(new Layer("base", l.descriptor(), stats.diffId(), stats.uncompressedBytes(), stats.files(), l.blob(),
          true));
    }
    return out;
  }

  private static Layer layer(String name, List<LayerEntry> entries, Path dir) throws IOException {
    WrittenLayer w = ReproducibleLayerWriter.write(entries, dir);
    return new Layer(name, new Descriptor(ImageFormat.DOCKER.layerMediaType, w.digest(), w.compressedSize()),
        w.diffId(), w.uncompressedSize(), w.files(), w.blob(), false);
  }

  /** Files of an application layer, root-owned and read-only, with the directories under the application root. */
  private List<LayerEntry> appEntries(LayerPlan app) throws IOException {
    TreeSet<String> dirs = new TreeSet<>();
    if (!plan.container().workingDir().equals(ContainerSettings.APP_ROOT)) {
      dirs.add(ContainerSettings.APP_ROOT); // else the user layer makes it, owned by the user
    }
    List<LayerEntry> entries = new ArrayList<>();
    for (LayerPlan.AppFile f : app.files()) {
      for (String d = parent(f.target()); d.startsWith(ContainerSettings.APP_ROOT + "/"); d = parent(d)) {
        dirs.add(d);
      }
      int mode = Files.isExecutable(f.source()) && !f.target().endsWith(".jar") ? 0755 : 0644;
      entries.add(new LayerEntry.File(f.target(), f.source(), mode, 0, 0));
    }
    dirs.forEach(d -> entries.add(new LayerEntry.Directory(d, 0755, 0, 0)));
    return entries;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
