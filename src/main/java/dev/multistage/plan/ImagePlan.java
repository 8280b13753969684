package dev.multistage.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one image build needs, decided up front and immutable: the engine only carries it out. Grouped by
 * what each part is about, so a test changes one field in one line ({@code plan.withLaunch(...)}).
 *
 * @param target where the image goes and for which platforms
 * @param bases where the runtime stage's base and the builder image come from
 * @param runtime how the Java runtime is made (jlink) or found (the base's JRE)
 * @param launch how the application starts in the image
 * @param service the container as a service: its user, ports and healthcheck
 * @param container what the user adds to how the container runs: environment, volumes, labels, entrypoint,
 *     working directory, extra files
 * @param appLayers application layers in the order they are stacked (slowest-changing first)
 * @param labels the automatic OCI labels (title, version, source, …); the user's are in {@code container}
 * @param outputs where outputs, scratch files and caches go, and the image's fixed creation time
 * @param report the single-stage baseline to compare with and the size budgets
 */
public record ImagePlan(
    Target target,
    Bases bases,
    RuntimePlan runtime,
    Launch launch,
    Service service,
    ContainerSettings container,
    List<LayerPlan> appLayers,
    Map<String, String> labels,
    Outputs outputs,
    ReportPlan report) {

  public ImagePlan {
    appLayers = List.copyOf(appLayers);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels)); // sorted: the plan prints the same every build
  }

  public ImagePlan withTarget(Target target) {
    return new ImagePlan(target, bases, runtime, launch, service, container, appLayers, labels, outputs, report);
  }

  public ImagePlan withBases(Bases bases) {
    return new ImagePlan(target, bases, runtime, launch, service, container, appLayers, labels, outputs, report);
  }

  public ImagePlan withRuntime(RuntimePlan runtime) {
    return new ImagePlan(target, bases, runtime, launch, service, container, appLayers, labels, outputs, report);
  }

  public ImagePlan withLaunch(Launch launch) {
    return new ImagePlan(target, bases, runtime, launch, service, container, appLayers, labels, outputs, report);
  }
}
