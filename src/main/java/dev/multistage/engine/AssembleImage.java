package dev.multistage.engine;

import dev.multistage.image.Image;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.layer.DirectoryEntries;
import dev.multistage.layer.ExtraLayer;
import dev.multistage.layer.LayerCache;
import dev.multistage.layer.LayerEntry;
import dev.multistage.layer.UserLayer;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.LayerPlan;
import dev.multistage.plan.ManifestFormat;
import dev.multistage.plan.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step: stacks one platform's image — base, runtime, user, probe, the application layers with the extra files
 * among them — and writes its config: history, the container settings and the healthcheck.
 */
final class AssembleImage {
  /** The layer of the user's extra directories, between the reactor modules and the resources. */
  static final String EXTRA_LAYER = "extra";

  private final ImagePlan plan;
  private final LayerCache cache;

  AssembleImage(ImagePlan plan, LayerCache cache) {
    this.plan = plan;
    this.cache = cache;
  }

  /** One platform's image and what it was made from. */
  record PlatformImage(Image image, RuntimeStage.Staged staged, List<Layer> appLayers, int extraFiles) {}

  PlatformImage assemble(Platform platform, RuntimeStage.Staged staged, Map<String, Layer> written)
      throws IOException {
    String java = plan.launch().javaHome() + "/bin/java";
    List<Layer> layers = new ArrayList<>(LayerFiles.ofBase(staged.base(), staged.fs()));
    if (staged.linked().isPresent()) {
      layers.add(LayerFiles.written("runtime",
          DirectoryEntries.of(staged.linked().get().runtime().directory(), plan.launch().javaHome()), cache));
    }
    List<LayerEntry> userEntries = UserLayer.entries(staged.fs(), plan.service().user(), plan.container().workingDir());
    layers.add(LayerFiles.written("user", userEntries, cache));
    Set<String> belowExtra = new HashSet<>();
    userEntries.forEach(e -> belowExtra.add(e.path()));
    List<LayerEntry> extraEntries = ExtraLayer.entries(plan.container().extraDirectories(), plan.service().user(),
        p -> belowExtra.contains(p) || staged.fs().exists(p));

    HealthcheckCommand healthcheck = null;
    if (plan.service().healthcheck().enabled()) {
      healthcheck = HealthcheckCommand.choose(plan.service().healthcheck(), staged.fs(), java);
      if (!healthcheck.probeLayer().isEmpty()) {
        layers.add(LayerFiles.written("probe", healthcheck.probeLayer(), cache));
      }
    }
    List<Layer> appLayers = new ArrayList<>();
    for (LayerPlan app : plan.appLayers()) {
      if (app.name().equals("resources") && !extraEntries.isEmpty()) {
        // extra files change less often than the application's resources and classes
        appLayers.add(LayerFiles.written(EXTRA_LAYER, extraEntries, cache));
      }
      if (written.containsKey(app.name())) {
        appLayers.add(written.get(app.name()));
      }
    }
    if (!extraEntries.isEmpty() && appLayers.stream().noneMatch(l -> l.name().equals(EXTRA_LAYER))) {
      appLayers.add(LayerFiles.written(EXTRA_LAYER, extraEntries, cache));
    }
    layers.addAll(appLayers);

    ImageConfig config = staged.base().config().withPlatform(platform).withCreated(plan.outputs().created());
    for (Layer l : layers.subList(staged.base().layers().size(), layers.size())) {
      config = config.withLayer(l.diffId(), "multistage: " + l.name() + " layer", plan.outputs().created());
    }
    config = ContainerConfig.apply(config, plan, staged.base());
    var check = plan.service().healthcheck();
    config = healthcheck == null ? config.withoutHealthcheck()
        : config.withHealthcheck(healthcheck.test(), check.interval(), check.timeout(), check.startPeriod(),
            check.retries());
    ImageFormat format = plan.target().format() == ManifestFormat.OCI ? ImageFormat.OCI : ImageFormat.DOCKER;
    return new PlatformImage(new Image(platform, format, config, layers), staged, appLayers,
        ExtraLayer.fileCount(extraEntries));
  }
}
