package dev.multistage.maven;

import dev.multistage.builder.MainClassFinder;
import dev.multistage.plan.AppLayers;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.Bases;
import dev.multistage.plan.Launch;
import dev.multistage.plan.Outputs;
import dev.multistage.plan.Service;
import dev.multistage.plan.Target;
import dev.multistage.plan.BuildTimestamp;
import dev.multistage.plan.ContainerSettings;
import dev.multistage.plan.DependencyFilter;
import dev.multistage.plan.Frameworks;
import dev.multistage.plan.HealthcheckSettings;
import dev.multistage.plan.HealthcheckSpec;
import dev.multistage.plan.ImageName;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.JavaFeature;
import dev.multistage.plan.MainClassSources;
import dev.multistage.plan.ManifestFormat;
import dev.multistage.plan.OciLabels;
import dev.multistage.plan.Platform;
import dev.multistage.plan.Ports;
import dev.multistage.plan.Presets;
import dev.multistage.plan.QuarkusFastJar;
import dev.multistage.plan.ReportPlan;
import dev.multistage.plan.ResolvedDependency;
import dev.multistage.plan.RuntimePlan;
import dev.multistage.plan.UserSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.License;
import org.apache.maven.model.Organization;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Scm;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** Turns the Mojo's parameters and the Maven project into an {@link ImagePlan}: the only place that reads Maven. */
final class PlanFactory {
  static final List<String> DEFAULT_JVM_FLAGS = List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
      "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp");
  static final String APP_ROOT = ContainerSettings.APP_ROOT;

  private final ImageMojo mojo;
  private final MavenProject project;
  private final Frameworks frameworks;

  PlanFactory(ImageMojo mojo) {
    this.mojo = mojo;
    this.project = mojo.project;
    this.frameworks = new Frameworks(project.getArtifacts().stream().map(PlanFactory::key)
        .collect(Collectors.toSet()));
  }

  ImagePlan plan() {
    ImageName name = mojo.imageName();
    ContainerSettings container = mojo.containerSettings();
    Path basedir = project.getBasedir().toPath();
    List<Platform> platforms = mojo.platformList();
    int feature = javaFeatureVersion();
    Presets presets = Presets.load();
    Presets.Preset preset = presets.preset(mojo.runtime, feature);
    RuntimePlan.Jlink jlink = jlink();
    presets.requirePlatforms(preset, List.copyOf(baseReferences().values()), platforms);
    BaseSource runtimeBase = BaseSource.parse(mojo.runtimeImage != null ? mojo.runtimeImage
        : preset.runtimeImage(jlink != RuntimePlan.Jlink.OFF), "runtimeImage", basedir);
    Optional<BaseSource> fallback = mojo.runtimeImage != null ? Optional.empty()
        : Optional.of(BaseSource.parse(preset.jreImage(), "runtimeImage", basedir));
    BaseSource builderBase = BaseSource.parse(
        mojo.builderImage != null ? mojo.builderImage : preset.builderImage(), "builderImage", basedir);
    ReportPlan report = ReportPlan.budgets(Optional.of(mojo.baselineImage != null
        ? BaseSource.parse(mojo.baselineImage, "baselineImage", basedir) : builderBase), mojo.maxImageSize,
        mojo.minReduction);
    List<Integer> ports = Ports.parse(csv(mojo.ports));
    List<Artifact> shipped = shippedArtifacts();
    Optional<QuarkusFastJar> quarkus = QuarkusFastJar.in(Path.of(project.getBuild().getDirectory()), APP_ROOT);
    quarkus.ifPresent(q -> mojo.getLog().info("Quarkus fast-jar " + q.root() + ": the image runs Quarkus' runner"));
    AppLayers layers = quarkus.map(AppLayers::of).orElseGet(() -> layers(shipped));
    return new ImagePlan(
        new Target(name.repository(), name.tags(), mojo.push, ManifestFormat.parse(mojo.format, "format"), platforms),
        new Bases(runtimeBase, Optional.of(builderBase), mojo.requirePinnedBases, mojo.allowInsecureRegistries,
            mojo.pulls()),
        runtimePlan(jlink, feature, layers, shipped, fallback),
        new Launch(mojo.javaHome,
            mainClass(container, quarkus.isPresent()),
            layers.classpath(),
            mojo.jvmFlags == null || mojo.jvmFlags.isEmpty() ? DEFAULT_JVM_FLAGS : mojo.jvmFlags,
            mojo.args == null ? List.of() : mojo.args),
        new Service(UserSpec.parse(mojo.user, "user"), ports, healthcheck(ports)),
        container,
        layers.plans(),
        labels(basedir),
        new Outputs(mojo.outputDirectory.toPath(), mojo.workDirectory(), mojo.cacheDirectory.toPath(), created()),
        report);
  }

  /** The label under which {@link #baseReferences()} lists the JRE base a preset build falls back to. */
  static final String FALLBACK = "runtimeImage (the preset's JRE fallback)";

  /**
   * The references the build's bases come from, as configured or from the preset, by parameter: the runtime base,
   * the JRE base it falls back to (under {@link #FALLBACK}, only when the preset chooses the runtime base), and the
   * builder image.
   */
  java.util.Map<String, String> baseReferences() {
    Presets.Preset preset = Presets.load().preset(mojo.runtime, javaFeatureVersion());
    java.util.Map<String, String> refs = new java.util.LinkedHashMap<>();
    refs.put("runtimeImage", mojo.runtimeImage != null ? mojo.runtimeImage
        : preset.runtimeImage(jlink() != RuntimePlan.Jlink.OFF));
    if (mojo.runtimeImage == null && !refs.containsValue(preset.jreImage())) {
      refs.put(FALLBACK, preset.jreImage());
    }
    refs.put("builderImage", mojo.builderImage != null ? mojo.builderImage : preset.builderImage());
    return refs;
  }

  private RuntimePlan.Jlink jlink() {
    return mojo.jlink == null ? RuntimePlan.Jlink.AUTO : mojo.jlink ? RuntimePlan.Jlink.ON : RuntimePlan.Jlink.OFF;
  }

  static List<String> csv(String value) {
    return value == null ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Each {@code <healthcheck>} field, else its {@code multistage.healthcheck.*} property, resolved in plan/; a path
   * set that the application obviously does not serve is warned about, since the container would never be healthy.
   */
  private HealthcheckSpec healthcheck(List<Integer> ports) {
    Healthcheck h = mojo.healthcheck != null ? mojo.healthcheck : new Healthcheck();
    HealthcheckSpec spec = new HealthcheckSettings(setting(h.enabled, "enabled"), setting(h.command, "command"),
        setting(h.path, "path"), setting(h.interval, "interval"), setting(h.timeout, "timeout"),
        setting(h.startPeriod, "startPeriod"), setting(h.retries, "retries"))
        .resolve(ports, frameworks.healthPath());
    Optional<String> set = setting(h.path, "path");
    if (spec.enabled() && spec.command().isEmpty() && set.isPresent()) {
      frameworks.unserved(spec.path()).ifPresent(why -> mojo.getLog().warn("<healthcheck.path>: " + why
          + ", so the HEALTHCHECK would never pass and the container would stay unhealthy. Fix: leave "
          + "<healthcheck><path> out to probe " + frameworks.healthPath() + " (what this application's "
          + "dependencies serve), add the framework's health module, or set the path the application serves."));
    }
    return spec;
  }

  private Optional<String> setting(Object configured, String field) {
    return Optional.ofNullable(configured != null ? configured.toString()
        : mojo.property("multistage.healthcheck." + field));
  }

  /** The declared main class, else one found among the compiled classes. */
  private String mainClass(ContainerSettings container, boolean quarkusFastJar) {
    Path classes = Path.of(project.getBuild().getOutputDirectory());
    return new MainClassSources(Optional.ofNullable(mojo.mainClass),
        pluginValue("org.apache.maven.plugins:maven-jar-plugin", "archive", "manifest", "mainClass"),
        Optional.ofNullable(project.getProperties().getProperty("start-class")),
        pluginValue("org.springframework.boot:spring-boot-maven-plugin", "mainClass"), quarkusFastJar)
        .declared()
        .orElseGet(() -> container.entrypoint().isEmpty() ? MainClassFinder.find(classes) : singleMain(classes));
  }

  /** The only class with a main method, or empty: with the user's entrypoint the image does not need one. */
  private static String singleMain(Path classes) {
    List<String> found = MainClassFinder.candidates(classes);
    return found.size() == 1 ? found.get(0) : "";
  }

  private Optional<String> pluginValue(String pluginKey, String... path) {
    Plugin plugin = project.getBuild().getPluginsAsMap().get(pluginKey);
    if (plugin == null || !(plugin.getConfiguration() instanceof Xpp3Dom dom)) {
      return Optional.empty();
    }
    for (String p : path) {
      dom = dom.getChild(p);
      if (dom == null) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(dom.getValue());
  }

  private RuntimePlan runtimePlan(RuntimePlan.Jlink jlink, int feature, AppLayers layers, List<Artifact> shipped,
      Optional<BaseSource> fallback) {
    List<Path> jdks = new ArrayList<>();
    if (mojo.toolchains != null) {
      org.apache.maven.toolchain.Toolchain tc = mojo.toolchains.getToolchainFromBuildContext("jdk", mojo.session);
      if (tc != null && tc.findTool("java") != null) {
        jdks.add(Path.of(tc.findTool("java")).getParent().getParent());
      }
    }
    Set<String> artifacts = shipped.stream().map(PlanFactory::key).collect(Collectors.toSet());
    return new RuntimePlan(jlink, feature, csv(mojo.addModules), csv(mojo.modules), csv(mojo.locales),
        layers.sources(), artifacts, jdks, fallback,
        RuntimePlan.fromBuilderImageOnly(mojo.jlinkFrom == null ? "auto" : mojo.jlinkFrom), mojo.runtimeCheck);
  }

  /** The runtime dependencies that ship, with a log line for each one left out. */
  private List<Artifact> shippedArtifacts() {
    DependencyFilter filter = new DependencyFilter(csv(mojo.excludeDependencies), csv(mojo.includeDependencies),
        frameworks.springBoot());
    List<Artifact> shipped = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      Optional<String> why = filter.leftOut(a.getGroupId(), a.getArtifactId(), a.getScope(), a.isOptional());
      if (why.isPresent()) {
        mojo.getLog().info("Left out of the image: " + key(a) + " (" + why.get()
            + "; <includeDependencies> ships it)");
      } else {
        shipped.add(a);
      }
    }
    return shipped;
  }

  /** The shipped artifacts that reach the class path, as the plain records layering reads. */
  private AppLayers layers(List<Artifact> shipped) {
    Set<String> reactor = mojo.session.getProjects().stream().map(p -> p.getGroupId() + ":" + p.getArtifactId())
        .collect(Collectors.toSet());
    List<ResolvedDependency> dependencies = shipped.stream()
        .filter(a -> a.getFile() != null && a.getArtifactHandler().isAddedToClasspath())
        .map(a -> new ResolvedDependency(a.getGroupId(), a.getArtifactId(), a.getBaseVersion(),
            a.getClassifier() == null ? "" : a.getClassifier(), a.getArtifactHandler().getExtension(), a.isSnapshot(),
            a.getFile().toPath()))
        .toList();
    return AppLayers.partition(dependencies, Path.of(project.getBuild().getOutputDirectory()), reactor);
  }

  private static String key(Artifact a) {
    return a.getGroupId() + ":" + a.getArtifactId();
  }

  private Map<String, String> labels(Path basedir) {
    return OciLabels.of(new OciLabels.Project(Optional.ofNullable(project.getName()), project.getArtifactId(),
        project.getVersion(), Optional.ofNullable(project.getDescription()), GitRevision.of(basedir),
        Optional.ofNullable(project.getScm()).map(Scm::getUrl), Optional.ofNullable(project.getUrl()),
        project.getLicenses().stream().map(License::getName).filter(n -> n != null).toList(),
        Optional.ofNullable(project.getOrganization()).map(Organization::getName)));
  }

  /** {@code project.build.outputTimestamp}, Maven's reproducible-builds property. */
  private Instant created() {
    return BuildTimestamp.parse(project.getProperties().getProperty("project.build.outputTimestamp", ""));
  }

  /** The application's Java feature version, from the compiler properties, else the build JDK's. */
  private int javaFeatureVersion() {
    Properties p = project.getProperties();
    return JavaFeature.of(p.getProperty("maven.compiler.release", ""), p.getProperty("maven.compiler.target", ""),
        Runtime.version().feature());
  }
}
