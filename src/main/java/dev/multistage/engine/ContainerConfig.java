package dev.multistage.engine;

import dev.multistage.image.BaseImage;
import dev.multistage.image.ImageConfig;
import dev.multistage.plan.ImagePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the container runs, written into the image config over the base's: user, working directory, environment,
 * entrypoint and CMD, ports, volumes and labels.
 */
final class ContainerConfig {
  private ContainerConfig() {}

  static ImageConfig apply(ImageConfig config, ImagePlan plan, BaseImage base) {
    return config
        .withUser(plan.service().user().toString())
        .withWorkingDir(plan.container().workingDir())
        .withEnv(env(plan, base.config().env()))
        .withEntrypoint(entrypoint(plan), plan.launch().args())
        .withExposedPorts(plan.service().ports())
        .withVolumes(plan.container().volumes())
        .withLabels(labels(plan, base));
  }

  /** The base's environment, {@code PATH} and {@code JAVA_HOME} for the image's Java, then the user's. */
  static Map<String, String> env(ImagePlan plan, Map<String, String> baseEnv) {
    Map<String, String> env = new LinkedHashMap<>(baseEnv);
    String bin = plan.launch().javaHome() + "/bin";
    String path = env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    if (!List.of(path.split(":")).contains(bin)) {
      path = bin + ":" + path;
    }
    env.put("PATH", path);
    env.put("JAVA_HOME", plan.launch().javaHome());
    env.putAll(plan.container().environment());
    return env;
  }

  /** The user's entrypoint when set, else {@code java jvmFlags… -cp classpath mainClass}. */
  static List<String> entrypoint(ImagePlan plan) {
    if (!plan.container().entrypoint().isEmpty()) {
      return plan.container().entrypoint();
    }
    List<String> entrypoint = new ArrayList<>();
    entrypoint.add(plan.launch().javaHome() + "/bin/java");
    entrypoint.addAll(plan.launch().jvmFlags());
    entrypoint.add("-cp");
    entrypoint.add(String.join(":", plan.launch().classpath()));
    entrypoint.add(plan.launch().mainClass());
    return entrypoint;
  }

  /** The automatic OCI labels, the base's name and digest, then the user's, which win. */
  private static Map<String, String> labels(ImagePlan plan, BaseImage base) {
    Map<String, String> labels = new LinkedHashMap<>(plan.labels());
    labels.put("org.opencontainers.image.base.name", base.pinnedReference());
    base.digest().ifPresent(d -> labels.put("org.opencontainers.image.base.digest", d));
    labels.putAll(plan.container().labels());
    return labels;
  }
}
