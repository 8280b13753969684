package dev.multistage.maven;

import dev.multistage.engine.ImageBuild;
import dev.multistage.plan.ImagePlan;
import dev.multistage.registry.RegistryImages;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.toolchain.ToolchainManager;

/**
 * Builds the project's container image without a Docker daemon: the runtime stage on a pinned base, a non-root
 * user, an explicit platform and a working HEALTHCHECK, with layers ordered by change rate. Writes
 * {@code image.tar}, {@code image-digest}, {@code image-id} and the size report into {@code outputDirectory}, and
 * pushes the image when {@code push} is true.
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class ImageMojo extends AbstractContainerMojo {

  /** Push the image to {@code to} right after building it. */
  @Parameter(property = "multistage.push", defaultValue = "false")
  boolean push;

  /** Preset of pinned bases: {@code alpine} (musl) or {@code slim} (glibc, Debian slim). */
  @Parameter(property = "multistage.runtime", defaultValue = "alpine")
  String runtime;

  /**
   * Runtime-stage base: {@code registry/repo:tag@sha256:…}, {@code tar:path} (docker-archive) or {@code oci:dir}
   * (OCI image layout, optionally {@code oci:dir:name}). Default: the {@code runtime} preset's base.
   */
  @Parameter(property = "multistage.runtimeImage")
  String runtimeImage;

  /** Builder-stage JDK image (its jmods feed jlink); also the default single-stage baseline. Default: the preset's. */
  @Parameter(property = "multistage.builderImage")
  String builderImage;

  /**
   * Make a custom Java runtime with jdeps + jlink in the builder stage (default). Left unset, a build that cannot
   * link warns and falls back to the preset's JRE base; {@code true} makes that an error; with {@code false} the
   * runtime base must hold a JRE at {@code javaHome}.
   */
  @Parameter(property = "multistage.jlink")
  Boolean jlink;

  /**
   * Where jlink takes the Java modules from: {@code auto} uses the build JDK (or toolchain JDK) when it matches the
   * target and the builder image's jmods otherwise; {@code builderImage} always uses the pinned builder image, so
   * every machine links the same runtime whatever JDK runs Maven.
   */
  @Parameter(property = "multistage.jlinkFrom", defaultValue = "auto")
  String jlinkFrom;

  /**
   * Modules to link besides those the analysis finds, comma-separated ({@code java.sql,jdk.localedata}): the escape
   * for what an application loads only by reflection. Always applied, whatever the analysis finds or fails on.
   */
  @Parameter(property = "multistage.addModules")
  String addModules;

  /**
   * The runtime's whole module list, comma-separated, for users who know it: no class analysis and no framework
   * rules run, only these (and {@code java.base}, and {@code addModules}) are linked. Default: analysed.
   */
  @Parameter(property = "multistage.modules")
  String modules;

  /**
   * After linking, start the application briefly on the linked runtime (when this machine can run it: same OS,
   * architecture and C library) and watch for a JDK class it fails to load; a module found missing is added, the
   * runtime relinked, and a warning names it for {@code addModules}. Spring Boot apps stop by themselves once
   * started; others are stopped after 15 seconds. The result is cached until the runtime or the
   * dependencies change.
   */
  @Parameter(property = "multistage.runtimeCheck", defaultValue = "true")
  boolean runtimeCheck;

  /**
   * The locales the runtime's {@code jdk.localedata} keeps, when it is linked (comma-separated language tags,
   * {@code de,fr}; {@code en} always stays; {@code *} keeps all, 7 MB more compressed). Default: the locales the
   * application names — its resource bundles ({@code messages_de.properties}) and the {@code Locale} constants its
   * classes use — or all when it names none or builds locales from tags.
   */
  @Parameter(property = "multistage.locales")
  String locales;

  /**
   * Dependencies left out of the image, comma-separated {@code groupId:artifactId} ({@code *} matches any part:
   * {@code com.example:*-testing}). Development-only ones are always left out: {@code spring-boot-devtools},
   * {@code spring-boot-docker-compose}, {@code spring-boot-testcontainers}, and in a Spring Boot application every
   * optional dependency, as Spring Boot's own repackager does; test and provided scopes never ship.
   */
  @Parameter(property = "multistage.excludeDependencies")
  String excludeDependencies;

  /**
   * Dependencies to ship although they are development-only by default, comma-separated {@code groupId:artifactId}
   * (for example an optional dependency of a Spring Boot application that it loads at run time).
   */
  @Parameter(property = "multistage.includeDependencies")
  String includeDependencies;

  /** Where the Java runtime lives in the image. */
  @Parameter(property = "multistage.javaHome", defaultValue = "/opt/java/openjdk")
  String javaHome;

  /** Class to run. Detected from maven-jar-plugin's Main-Class, Spring Boot's start-class, or the single main. */
  @Parameter(property = "multistage.mainClass")
  String mainClass;

  /**
   * JVM flags. Default: container-aware ({@code -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError
   * -XX:-UsePerfData -Djava.io.tmpdir=/tmp}).
   */
  @Parameter(property = "multistage.jvmFlags")
  List<String> jvmFlags;

  /** Program arguments (the image's CMD). */
  @Parameter(property = "multistage.args")
  List<String> args;

  /** Exposed ports, comma-separated; the first is the one the healthcheck probes. */
  @Parameter(property = "multistage.ports", defaultValue = "8080")
  String ports;

  /** Numeric {@code uid:gid} the container runs as; an {@code app} entry is merged into /etc/passwd and /etc/group. */
  @Parameter(property = "multistage.user", defaultValue = "1001:1001")
  String user;

  /**
   * The image's HEALTHCHECK, a nested element, e.g.
   * {@code <healthcheck><path>/ready</path><interval>5s</interval></healthcheck>}. Each field is also a user
   * property, and one given on the command line wins over the pom's field:
   * <ul>
   * <li>{@code path} ({@code multistage.healthcheck.path}): HTTP path probed on {@code 127.0.0.1:<first port>}.
   * Default: {@code /actuator/health} with Spring Boot Actuator, {@code /q/health} with Quarkus SmallRye Health,
   * else {@code /health}. A path the application obviously does not serve ({@code /actuator/health} without
   * Actuator among its dependencies) is warned about.</li>
   * <li>{@code command} ({@code multistage.healthcheck.command}): an explicit command instead of the HTTP probe;
   * runs under {@code /bin/sh -c} when the base has a shell.</li>
   * <li>{@code interval} ({@code multistage.healthcheck.interval}): time between checks, default {@code 30s}.</li>
   * <li>{@code timeout} ({@code multistage.healthcheck.timeout}): time one check may take, default {@code 3s}.</li>
   * <li>{@code startPeriod} ({@code multistage.healthcheck.startPeriod}): grace period after start, default
   * {@code 10s}.</li>
   * <li>{@code retries} ({@code multistage.healthcheck.retries}): failures before unhealthy, default {@code 3}.</li>
   * <li>{@code enabled} ({@code multistage.healthcheck.enabled}): {@code false} removes the HEALTHCHECK; nothing
   * else does. Default {@code true}.</li>
   * </ul>
   */
  @Parameter
  Healthcheck healthcheck;

  /** {@code docker} (keeps HEALTHCHECK) or {@code oci} (OCI consumers drop HEALTHCHECK; a warning says so). */
  @Parameter(property = "multistage.format", defaultValue = "docker")
  String format;

  /** A registry base without a digest is an error that prints the pinned reference to use. */
  @Parameter(property = "multistage.requirePinnedBases", defaultValue = "true")
  boolean requirePinnedBases;

  /**
   * The image the size report's single-stage baseline is built on, as a one-stage Dockerfile would ship the app
   * ({@code FROM baselineImage; COPY app}): {@code registry/repo:tag[@sha256:…]} (only its manifest is read),
   * {@code tar:path} or {@code oci:dir}. Default: {@code builderImage}. Unreadable, it only costs the comparison
   * (one warning), unless {@code minReduction} is set.
   */
  @Parameter(property = "multistage.baselineImage")
  String baselineImage;

  /**
   * Fail the build when the image is larger than this, compressed (what a pull moves): {@code 80MB}, {@code 1.5GB},
   * {@code 500kB} (decimal units, as the report shows them). The report is written first.
   */
  @Parameter(property = "multistage.maxImageSize")
  String maxImageSize;

  /**
   * Fail the build when the image is not at least this much smaller than the single-stage baseline, compressed:
   * {@code 0.7} (or {@code 70%}) for at least 70% smaller. The report is written first.
   */
  @Parameter(property = "multistage.minReduction")
  String minReduction;

  /**
   * Warn (once per build) when a configured base is a preset pin whose public record is older than this many days,
   * from the dates the preset file records, without the network; 0 turns the check off.
   */
  @Parameter(property = "multistage.pinMaxAgeDays", defaultValue = "90")
  int pinMaxAgeDays;

  /** Make a pin older than {@code pinMaxAgeDays} fail the build instead of warning. */
  @Parameter(property = "multistage.failOnStalePins", defaultValue = "false")
  boolean failOnStalePins;

  @Component
  ToolchainManager toolchains;

  @Override
  void run() throws IOException {
    long start = System.nanoTime();
    warmUp();
    PlanFactory factory = new PlanFactory(this);
    ImagePlan plan = factory.plan();
    StalePins.check(this, List.copyOf(factory.baseReferences().values()));
    new ImageBuild(plan, registryOptions(), getLog()::info, getLog()::warn, System.getenv()).runUnlessUpToDate();
    getLog().info(String.format(java.util.Locale.ROOT, "multistage: image goal took %.1f s",
        (System.nanoTime() - start) / 1e9));
  }

  /**
   * Loads the JSON and registry classes a rebuild needs on another core while this thread plans and checks whether
   * anything changed: a rebuild after a one-class change then no longer waits 0.3 s for them. Best effort: a
   * failure here only means the build loads them itself.
   */
  private static void warmUp() {
    Thread warm = new Thread(() -> {
      try {
        RegistryImages.warmUp();
      } catch (IOException | RuntimeException e) {
        // the build reads real manifests with the same code and reports what goes wrong there
      }
    }, "multistage-warm-up");
    warm.setDaemon(true);
    warm.start();
  }

  @Override
  String failure() {
    return "the image could not be built";
  }
}
