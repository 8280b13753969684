package dev.multistage.engine;

import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ContainerSettings;
import dev.multistage.plan.ExtraDirectory;
import dev.multistage.plan.HealthcheckSpec;
import dev.multistage.plan.Bases;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.Launch;
import dev.multistage.plan.Outputs;
import dev.multistage.plan.Service;
import dev.multistage.plan.Target;
import dev.multistage.plan.ManifestFormat;
import dev.multistage.plan.Platform;
import dev.multistage.plan.ReportPlan;
import dev.multistage.plan.PullPlan;
import dev.multistage.plan.RuntimePlan;
import dev.multistage.plan.UserSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ImagePlan} for {@link TinyWebApp} with what a user of the plugin gets by default; tests change only the
 * fields they are about. Outputs go to {@code <root>/target/multistage}, scratch to {@code <root>/target/work}.
 */
final class PlanDraft {
  BaseSource runtimeBase;
  TinyWebApp app;
  Path root;
  Path cacheDirectory;
  int port = 8080;
  ManifestFormat format = ManifestFormat.DOCKER;
  Platform platform = Platform.LINUX_AMD64;
  boolean requirePinnedBases = true;
  boolean allowInsecureRegistries;
  RuntimePlan runtime = RuntimePlan.jreFromBase(17);
  Optional<BaseSource> builderBase = Optional.empty();
  String to = "greeter";
  boolean push;
  ReportPlan report = ReportPlan.none();
  PullPlan pulls = PullPlan.direct();
  Map<String, String> environment = Map.of();
  List<String> volumes = List.of();
  Map<String, String> labels = Map.of();
  List<String> entrypoint = List.of();
  String workingDir = "/app";
  List<ExtraDirectory> extraDirectories = List.of();

  PlanDraft(BaseSource runtimeBase, TinyWebApp app, Path root, Path cacheDirectory) {
    this.runtimeBase = runtimeBase;
    this.app = app;
    this.root = root;
    this.cacheDirectory = cacheDirectory;
  }

  /** jlink from the JDK running the tests, the modules found by analysis, no start-up check. */
  PlanDraft linkFromBuildJdk() {
    runtime = new RuntimePlan(RuntimePlan.Jlink.ON, Runtime.version().feature(), List.of(), List.of(), List.of(),
        app.analysisPaths(), java.util.Set.of(), List.of(), Optional.empty(), false, false);
    return this;
  }

  Path outputDirectory() {
    return root.resolve("target/multistage");
  }

  ImagePlan plan() {
    return new ImagePlan(
        new Target(to, List.of("1.0.0"), push, format, List.of(platform)),
        new Bases(runtimeBase, builderBase, requirePinnedBases, allowInsecureRegistries, pulls),
        runtime,
        new Launch("/opt/java/openjdk", TinyWebApp.MAIN_CLASS, TinyWebApp.CLASSPATH,
            List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=/tmp"),
            List.of(Integer.toString(port))),
        new Service(UserSpec.DEFAULT, List.of(port), new HealthcheckSpec(true, "/health", port, List.of(),
            Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(10), 3)),
        new ContainerSettings(environment, volumes, labels, entrypoint, workingDir, extraDirectories),
        app.layers(),
        Map.of("org.opencontainers.image.title", "greeter"),
        new Outputs(outputDirectory(), root.resolve("target/work"), cacheDirectory,
            Instant.parse("2026-01-01T00:00:00Z")),
        report);
  }
}
