package dev.multistage.maven;

import dev.multistage.plan.ContainerSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The {@code image} goal's parameters for how the container runs beyond the Java command — environment, volumes,
 * labels, entrypoint, working directory and extra files — as every peer (Jib, JKube, Quarkus) offers them.
 */
abstract class AbstractContainerMojo extends AbstractPullMojo {

  /**
   * Environment variables of the image, set over the base's (and over {@code JAVA_HOME} and {@code PATH}):
   * {@code <environment><APP_MODE>production</APP_MODE></environment>}. Property {@code multistage.environment}:
   * {@code APP_MODE=production,LOG_FORMAT=json}, which wins for the names it sets. Values end up in the image config,
   * readable by anyone who can pull the image: a name or value that looks like a secret (a name with
   * {@code PASSWORD}, {@code SECRET}, {@code TOKEN}, {@code API_KEY}…, a PEM private key, an AWS key, a long random
   * string) is warned about; pass secrets at run time instead.
   */
  @Parameter
  Map<String, String> environment;

  /** Absolute paths declared as volumes in the image config, comma-separated ({@code /data,/var/cache/app}). */
  @Parameter(property = "multistage.volumes")
  List<String> volumes;

  /**
   * Labels of the image, put over the automatic OCI labels (yours win):
   * {@code <labels><org.opencontainers.image.vendor>ACME</org.opencontainers.image.vendor></labels>}. Property
   * {@code multistage.labels}: {@code team=shop,tier=backend}, which wins for the keys it sets.
   */
  @Parameter
  Map<String, String> labels;

  /**
   * The image's whole entrypoint, replacing the generated {@code java <jvmFlags> -cp … <mainClass>} command:
   * {@code <entrypoint><arg>/opt/java/openjdk/bin/java</arg><arg>-jar</arg>…</entrypoint>} or, as a property,
   * comma-separated. With it, {@code jvmFlags} and {@code mainClass} are not used in the image (and the linked
   * runtime's start-up check runs only when {@code mainClass} is set or found); {@code args} stay the CMD.
   */
  @Parameter(property = "multistage.entrypoint")
  List<String> entrypoint;

  /** The container's working directory, an absolute path the image's user owns. The application stays in /app. */
  @Parameter(property = "multistage.workingDirectory", defaultValue = "/app")
  String workingDirectory;

  /**
   * Project directories copied into the image's {@code extra} layer (above the dependency layers, below resources
   * and classes), with fixed modes and numeric owners so the layer is reproducible:
   * <pre>{@code <extraDirectories>
   *   <extraDirectory>
   *     <from>src/main/image</from>   <!-- relative to the project, required -->
   *     <into>/app/config</into>      <!-- default / -->
   *     <fileMode>640</fileMode>      <!-- default 644 -->
   *     <directoryMode>750</directoryMode> <!-- default 755 -->
   *     <owner>app</owner>            <!-- root (0:0, default) or app (the image's user) -->
   *   </extraDirectory>
   * </extraDirectories>}</pre>
   * A directory the base already has keeps its owner and mode. Set in the pom only.
   */
  @Parameter
  List<ExtraDirectory> extraDirectories;

  /** The parameters above, checked (relative paths, a missing source directory, a bad mode or owner fail here). */
  ContainerSettings containerSettings() {
    Path basedir = project.getBasedir().toPath();
    return new ContainerSettings(
        withProperty(environment, "environment"),
        volumes == null ? List.of() : volumes,
        withProperty(labels, "labels"),
        entrypoint == null ? List.of() : entrypoint,
        workingDirectory == null || workingDirectory.isBlank() ? ContainerSettings.APP_ROOT : workingDirectory,
        extraDirectories == null ? List.of() : extraDirectories.stream()
            .map(d -> dev.multistage.plan.ExtraDirectory.parse(basedir, d.from, d.into, d.fileMode, d.directoryMode,
                d.owner))
            .toList());
  }

  /** The pom's map with {@code multistage.<parameter>} (command line first, then the pom's properties) over it. */
  private Map<String, String> withProperty(Map<String, String> pom, String parameter) {
    Map<String, String> merged = new LinkedHashMap<>(pom == null ? Map.of() : pom);
    merged.putAll(ContainerSettings.parsePairs(property("multistage." + parameter), parameter));
    return merged;
  }
}
