package dev.multistage.engine;

import dev.multistage.image.BaseImage;
import dev.multistage.image.Layer;
import dev.multistage.layer.BaseFilesystem;
import dev.multistage.layer.UserLayer;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.plan.RuntimePlan;
import dev.multistage.plan.LayerPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Steps: load the runtime base for one platform, then give it a Java runtime — link one (builder stage), use the
 * base's own, or, when linking is impossible and {@code jlink} was left unset, fall back to the JRE base.
 */
final class RuntimeStage {
  private final ImagePlan plan;
  private final BaseLoader loader;
  private final Consumer<String> info;
  private final Consumer<String> warn;

  RuntimeStage(ImagePlan plan, BaseLoader loader, Consumer<String> info, Consumer<String> warn) {
    this.plan = plan;
    this.loader = loader;
    this.info = info;
    this.warn = warn;
  }

  /** The runtime base, its files, and the linked runtime when there is one. */
  record Staged(BaseImage base, BaseFilesystem fs, Optional<LinkedRuntimeStep.Linked> linked) {}

  Staged stage(Platform platform) throws IOException {
    BaseImage base = loader.load(plan.bases().runtimeBase(), platform, "runtimeImage");
    BaseFilesystem fs = filesOf(base);
    String java = plan.launch().javaHome() + "/bin/java";
    Optional<LinkedRuntimeStep.Linked> linked = Optional.empty();
    boolean baseHasJava = fs.exists(java);
    if (plan.runtime().jlink() == RuntimePlan.Jlink.AUTO && baseHasJava) {
      info.accept("The runtime base has Java at " + plan.launch().javaHome() + ": using it, not linking one "
          + "(a base without Java and jlink make a smaller image).");
    } else if (plan.runtime().linking()) {
      if (baseHasJava) {
        warn.accept("jlink=true on a runtime base that already has Java at " + plan.launch().javaHome()
            + ": the linked runtime replaces it in the container, but the base's copy still ships. "
            + "Use a base without Java.");
      }
      try {
        linked = Optional.of(new LinkedRuntimeStep(plan.runtime(), platform, plan.outputs().cacheDirectory(),
            loader, info, warn, startCheck()).link(base, fs, plan.bases().builderBase()));
      } catch (LinkedRuntimeStep.CannotLink e) {
        if (plan.runtime().jlink() == RuntimePlan.Jlink.ON) {
          throw new InvalidParameterException("jlink", "cannot link a runtime: " + e.getMessage(), e.fix);
        }
        warn.accept("jlink: " + e.getMessage() + " Falling back to a full JRE base. To link instead: " + e.fix
            + " To use a JRE base on purpose: <jlink>false</jlink>.");
        if (!fs.exists(java) && plan.runtime().fallbackRuntimeBase().isPresent()) {
          base = loader.load(plan.runtime().fallbackRuntimeBase().get(), platform, "runtimeImage");
          fs = filesOf(base);
        }
      }
    }
    info.accept("Runtime base " + base.pinnedReference());
    if (linked.isEmpty() && !fs.exists(java)) {
      throw new InvalidParameterException(plan.runtime().linking() ? "runtimeImage" : "javaHome",
          base.source().display() + " has no Java at " + java
              + base.config().env().entrySet().stream().filter(e -> e.getKey().equals("JAVA_HOME"))
                  .map(e -> " (its JAVA_HOME is " + e.getValue() + ")").findFirst().orElse("") + ".",
          "use a runtime base with a JRE at <javaHome>, set <javaHome> to where its JRE is, or let jlink make one.");
    }
    return new Staged(base, fs, linked);
  }

  private BaseFilesystem filesOf(BaseImage base) throws IOException {
    return BaseFilesystem.read(base.layers().stream().map(Layer::blob).toList(),
        base.layers().stream().map(l -> l.descriptor().digest()).toList(), UserLayer.FILES_READ,
        plan.outputs().cacheDirectory());
  }

  /** The start-up check of the linked runtime: runs the main class, so none with an entrypoint of the user's. */
  private Optional<LinkedRuntimeStep.StartCheck> startCheck() {
    return plan.launch().mainClass().isEmpty() ? Optional.empty()
        : Optional.of(new LinkedRuntimeStep.StartCheck(plan.launch().mainClass(), plan.launch().jvmFlags(),
            hostClasspath(plan.launch().classpath(), plan.appLayers())));
  }

  /**
   * The image's class path as this machine's files: each entry is the file an application layer puts there, or the
   * directory its files come from ({@code /app/classes} is {@code target/classes}). Quarkus' runner jar then finds
   * its libraries as in the image.
   */
  static List<Path> hostClasspath(List<String> classpath, List<LayerPlan> layers) {
    List<Path> host = new ArrayList<>();
    for (String entry : classpath) {
      for (LayerPlan layer : layers) {
        Optional<Path> found = layer.files().stream().map(f -> sourceOf(entry, f)).flatMap(Optional::stream)
            .findFirst();
        if (found.isPresent()) {
          host.add(found.get());
          break;
        }
      }
    }
    return host;
  }

  private static Optional<Path> sourceOf(String entry, LayerPlan.AppFile file) {
    if (file.target().equals(entry)) {
      return Optional.of(file.source());
    }
    if (!file.target().startsWith(entry + "/")) {
      return Optional.empty();
    }
    Path source = file.source();
    for (int i = file.target().substring(entry.length() + 1).split("/").length; i > 0; i--) {
      source = source.getParent();
    }
    return Optional.of(source);
  }
}
