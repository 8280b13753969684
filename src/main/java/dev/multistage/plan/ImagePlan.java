package dev.multistage.plan;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one image build needs, decided up front and immutable: the engine only carries it out.
 *
 * @param to target repository ({@code registry/repo} or just {@code repo}) without a tag
 * @param tags tags to apply; the first is the one {@code image.tar} is named with
 * @param runtimeBase the runtime stage's base
 * @param builderBase the builder stage's JDK image, when known
 * @param runtime how the Java runtime is made (jlink) or found (the base's JRE)
 * @param javaHome where the Java runtime lives in the image
 * @param classpath the application's class path in the image, in order
 * @param labels the automatic OCI labels (title, version, source, …); the user's are in {@code container}
 * @param container what the user adds to how the container runs: environment, volumes, labels, entrypoint,
 *     working directory, extra files
 * @param appLayers application layers in the order they are stacked (slowest-changing first)
 * @param created the image's creation time (fixed, for reproducibility)
 * @param cacheDirectory shared cache of pulled base blobs
 * @param workDirectory this project's scratch space (built layers, staging)
 * @param report the single-stage baseline to compare with and the size budgets
 * @param pulls where registry bases are pulled from: mirrors, or offline the cache alone
 */
public record ImagePlan(
    String to,
    List<String> tags,
    boolean push,
    BaseSource runtimeBase,
    Optional<BaseSource> builderBase,
    RuntimePlan runtime,
    String javaHome,
    String mainClass,
    List<String> classpath,
    List<String> jvmFlags,
    List<String> args,
    List<Integer> ports,
    UserSpec user,
    HealthcheckSpec healthcheck,
    List<Platform> platforms,
    ManifestFormat format,
    boolean requirePinnedBases,
    boolean allowInsecureRegistries,
    Map<String, String> labels,
    ContainerSettings container,
    List<LayerPlan> appLayers,
    Instant created,
    Path outputDirectory,
    Path workDirectory,
    Path cacheDirectory,
    ReportPlan report,
    PullPlan pulls) {

  public ImagePlan {
    tags = List.copyOf(tags);
    platforms = List.copyOf(platforms);
    if (platforms.isEmpty() || platforms.stream().distinct().count() != platforms.size()) {
      throw new InvalidParameterException("platforms", "'" + platforms + "' is empty or names a platform twice.",
          "list each platform once, e.g. linux/amd64,linux/arm64.");
    }
    classpath = List.copyOf(classpath);
    jvmFlags = List.copyOf(jvmFlags);
    args = List.copyOf(args);
    ports = List.copyOf(ports);
    labels = Map.copyOf(labels);
    appLayers = List.copyOf(appLayers);
    if (tags.isEmpty()) {
      throw new InvalidParameterException("tags", "no tag is set.", "set <tags> to at least one tag, e.g. 1.0.0.");
    }
    for (String tag : tags) {
      if (!tag.matches("[\\w][\\w.-]{0,127}")) {
        throw new InvalidParameterException("tags", "'" + tag + "' is not a valid tag.",
            "use letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-').");
      }
    }
    if (!javaHome.startsWith("/")) {
      throw new InvalidParameterException("javaHome", "'" + javaHome + "' is not an absolute path.",
          "set an absolute path in the image such as /opt/java/openjdk.");
    }
  }

  /**
   * The platform {@code image.tar} holds and the report details: linux/amd64 when it is built, else the first one,
   * so the file does not depend on the machine that builds it.
   */
  public Platform platform() {
    return platforms.contains(Platform.LINUX_AMD64) ? Platform.LINUX_AMD64 : platforms.get(0);
  }

  public boolean multiPlatform() {
    return platforms.size() > 1;
  }

  /** {@code to:firstTag}, the name {@code image.tar} carries. */
  public String reference() {
    return to + ":" + tags.get(0);
  }
}
