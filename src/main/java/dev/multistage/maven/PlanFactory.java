package dev.multistage.maven;

import dev.multistage.builder.MainClassFinder;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ContainerSettings;
import dev.multistage.plan.DependencyFilter;
import dev.multistage.plan.HealthcheckSpec;
import dev.multistage.plan.ImageName;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.LayerPlan;
import dev.multistage.plan.ManifestFormat;
import dev.multistage.plan.Platform;
import dev.multistage.plan.Presets;
import dev.multistage.plan.ReportPlan;
import dev.multistage.plan.PullPlan;
import dev.multistage.plan.QuarkusFastJar;
import dev.multistage.plan.RuntimePlan;
import dev.multistage.plan.UserSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.License;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** Turns the Mojo's parameters and the Maven project into an {@link ImagePlan}: the only place that reads Maven. */
final class PlanFactory {
  static final List<String> DEFAULT_JVM_FLAGS = List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
      "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp");
  static final String APP_ROOT = ContainerSettings.APP_ROOT;

  private final ImageMojo mojo;
  private final MavenProject project;

  PlanFactory(ImageMojo mojo) {
    this.mojo = mojo;
    this.project = mojo.project;
  }

  ImagePlan plan() {
    ImageName name = mojo.imageName();
    ContainerSettings container = mojo.containerSettings();
    Path basedir = project.getBasedir().toPath();
    List<Platform> platforms = Arrays.stream(mojo.platforms.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(p -> Platform.parse(p, "platforms")).toList();
    int feature = javaFeatureVersion();
    Presets.Preset preset = Presets.load().preset(mojo.runtime, feature);
    RuntimePlan.Jlink jlink = mojo.jlink == null ? RuntimePlan.Jlink.AUTO
        : mojo.jlink ? RuntimePlan.Jlink.ON : RuntimePlan.Jlink.OFF;
    BaseSource runtimeBase = BaseSource.parse(mojo.runtimeImage != null ? mojo.runtimeImage
        : preset.runtimeImage(jlink != RuntimePlan.Jlink.OFF), "runtimeImage", basedir);
    Optional<BaseSource> fallback = mojo.runtimeImage != null ? Optional.empty()
        : Optional.of(BaseSource.parse(preset.jreImage(), "runtimeImage", basedir));
    BaseSource builderBase = BaseSource.parse(
        mojo.builderImage != null ? mojo.builderImage : preset.builderImage(), "builderImage", basedir);
    ReportPlan report = ReportPlan.budgets(Optional.of(mojo.baselineImage != null
        ? BaseSource.parse(mojo.baselineImage, "baselineImage", basedir) : builderBase), mojo.maxImageSize,
        mojo.minReduction);
    List<Integer> ports = ports();
    List<Artifact> shipped = shippedArtifacts();
    Optional<QuarkusFastJar> quarkus = QuarkusFastJar.in(Path.of(project.getBuild().getDirectory()), APP_ROOT);
    quarkus.ifPresent(q -> mojo.getLog().info("Quarkus fast-jar " + q.root() + ": the image runs Quarkus' runner"));
    Layers layers = quarkus.map(q -> new Layers(q.layers(), QuarkusFastJar.classpath(APP_ROOT), q.jars()))
        .orElseGet(() -> layers(shipped));
    return new ImagePlan(
        name.repository(),
        name.tags(),
        mojo.push,
        runtimeBase,
        Optional.of(builderBase),
        runtimePlan(jlink, feature, layers, shipped, fallback),
        mojo.javaHome,
        quarkus.isPresent() && (mojo.mainClass == null || mojo.mainClass.isBlank()) ? QuarkusFastJar.MAIN_CLASS
            : mainClass(container),
        layers.classpath(),
        mojo.jvmFlags == null || mojo.jvmFlags.isEmpty() ? DEFAULT_JVM_FLAGS : mojo.jvmFlags,
        mojo.args == null ? List.of() : mojo.args,
        ports,
        UserSpec.parse(mojo.user, "user"),
        healthcheck(ports),
        platforms,
        ManifestFormat.parse(mojo.format, "format"),
        mojo.requirePinnedBases,
        mojo.allowInsecureRegistries,
        labels(basedir),
        container,
        layers.plans(),
        created(),
        mojo.outputDirectory.toPath(),
        mojo.workDirectory(),
        mojo.cacheDirectory.toPath(),
        report,
        pulls());
  }

  /** {@code registryMirrors} (the property wins per registry) and Maven's offline mode. */
  private PullPlan pulls() {
    return new PullPlan(PullPlan.parseMirrors(mojo.registryMirrors, property("multistage.registryMirrors")),
        mojo.session.isOffline());
  }

  static List<String> csv(String value) {
    return value == null ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    for (String p : csv(mojo.ports)) {
      String number = p.endsWith("/tcp") ? p.substring(0, p.length() - 4) : p;
      if (!number.matches("\\d{1,5}") || Integer.parseInt(number) < 1 || Integer.parseInt(number) > 65535) {
        throw new InvalidParameterException("ports", "'" + p + "' is not a TCP port.", "use numbers 1-65535, e.g. 8080.");
      }
      ports.add(Integer.parseInt(number));
    }
    return ports;
  }

  private String property(String name) {
    String v = mojo.session.getUserProperties().getProperty(name);
    if (v == null) {
      v = project.getProperties().getProperty(name);
    }
    return v;
  }

  private HealthcheckSpec healthcheck(List<Integer> ports) {
    Healthcheck h = mojo.healthcheck != null ? mojo.healthcheck : new Healthcheck();
    String enabled = h.enabled != null ? h.enabled.toString() : property("multistage.healthcheck.enabled");
    if ("false".equalsIgnoreCase(enabled)) {
      return HealthcheckSpec.disabled();
    }
    String command = h.command != null ? h.command : property("multistage.healthcheck.command");
    String path = h.path != null ? h.path : property("multistage.healthcheck.path");
    if (path == null) {
      path = defaultHealthPath();
    }
    if ((command == null || command.isBlank()) && ports.isEmpty()) {
      throw new InvalidParameterException("ports", "the HTTP healthcheck needs a port, and none is exposed.",
          "set <ports>8080</ports>, a <healthcheck><command>, or <healthcheck><enabled>false</enabled>.");
    }
    String retries = h.retries != null ? h.retries.toString() : property("multistage.healthcheck.retries");
    int retryCount;
    try {
      retryCount = retries == null ? 3 : Integer.parseInt(retries.trim());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException("healthcheck.retries", "'" + retries + "' is not a number.", "set e.g. 3.");
    }
    return new HealthcheckSpec(true, path, ports.isEmpty() ? 0 : ports.get(0),
        command == null || command.isBlank() ? List.of() : List.of(command.trim()),
        duration(h.interval, "interval", "30s"), duration(h.timeout, "timeout", "3s"),
        duration(h.startPeriod, "startPeriod", "10s"), retryCount);
  }

  private java.time.Duration duration(String configured, String field, String fallback) {
    String v = configured != null ? configured : property("multistage.healthcheck." + field);
    return HealthcheckSpec.parseDuration(v != null ? v : fallback, "healthcheck." + field);
  }

  private String defaultHealthPath() {
    Set<String> ids = project.getArtifacts().stream().map(Artifact::getArtifactId).collect(Collectors.toSet());
    if (ids.contains("spring-boot-actuator") || ids.contains("spring-boot-starter-actuator")) {
      return "/actuator/health";
    }
    if (ids.stream().anyMatch(id -> id.startsWith("quarkus-smallrye-health"))) {
      return "/q/health";
    }
    return "/health";
  }

  /** The configured or detected main class; with the user's own entrypoint, empty when none is found. */
  private String mainClass(ContainerSettings container) {
    if (mojo.mainClass != null && !mojo.mainClass.isBlank()) {
      return mojo.mainClass.trim();
    }
    Path classes = Path.of(project.getBuild().getOutputDirectory());
    return configuredMainClass("org.apache.maven.plugins:maven-jar-plugin", "archive", "manifest", "mainClass")
        .or(() -> Optional.ofNullable(project.getProperties().getProperty("start-class")))
        .or(() -> configuredMainClass("org.springframework.boot:spring-boot-maven-plugin", "mainClass"))
        .orElseGet(() -> container.entrypoint().isEmpty() ? MainClassFinder.find(classes) : singleMain(classes));
  }

  /** The only class with a main method, or empty: with the user's entrypoint the image does not need one. */
  private static String singleMain(Path classes) {
    List<String> found = MainClassFinder.candidates(classes);
    return found.size() == 1 ? found.get(0) : "";
  }

  private Optional<String> configuredMainClass(String pluginKey, String... path) {
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
    String value = dom.getValue();
    return value == null || value.isBlank() || value.contains("${") ? Optional.empty() : Optional.of(value.trim());
  }

  /** The application layers (slowest-changing first), the class path that goes with them, and their sources. */
  record Layers(List<LayerPlan> plans, List<String> classpath, List<Path> sources) {}

  private RuntimePlan runtimePlan(RuntimePlan.Jlink jlink, int feature, Layers layers, List<Artifact> shipped,
      Optional<BaseSource> fallback) {
    List<Path> jdks = new ArrayList<>();
    if (mojo.toolchains != null) {
      org.apache.maven.toolchain.Toolchain tc = mojo.toolchains.getToolchainFromBuildContext("jdk", mojo.session);
      if (tc != null && tc.findTool("java") != null) {
        jdks.add(Path.of(tc.findTool("java")).getParent().getParent());
      }
    }
    Set<String> artifacts = shipped.stream().map(a -> a.getGroupId() + ":" + a.getArtifactId())
        .collect(Collectors.toSet());
    String from = mojo.jlinkFrom == null ? "auto" : mojo.jlinkFrom.trim();
    if (!from.equals("auto") && !from.equals("builderImage")) {
      throw new InvalidParameterException("jlinkFrom", "'" + mojo.jlinkFrom + "' is not a source of jmods.",
          "use auto (the build JDK when it matches, else the builder image) or builderImage.");
    }
    return new RuntimePlan(jlink, feature, csv(mojo.addModules), csv(mojo.modules), csv(mojo.locales),
        layers.sources(), artifacts, jdks,
        fallback, from.equals("builderImage"), mojo.runtimeCheck);
  }

  /** The runtime dependencies that ship, with a log line for each one left out. */
  private List<Artifact> shippedArtifacts() {
    boolean springBoot = project.getArtifacts().stream()
        .anyMatch(a -> a.getGroupId().equals("org.springframework.boot") && a.getArtifactId().equals("spring-boot"));
    DependencyFilter filter = new DependencyFilter(csv(mojo.excludeDependencies), csv(mojo.includeDependencies),
        springBoot);
    List<Artifact> shipped = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      Optional<String> why = filter.leftOut(a.getGroupId(), a.getArtifactId(), a.getScope(), a.isOptional());
      if (why.isPresent()) {
        mojo.getLog().info("Left out of the image: " + a.getGroupId() + ":" + a.getArtifactId() + " (" + why.get()
            + "; <includeDependencies> ships it)");
      } else {
        shipped.add(a);
      }
    }
    return shipped;
  }

  private Layers layers(List<Artifact> shipped) {
    Set<String> reactor = mojo.session.getProjects().stream().map(p -> p.getGroupId() + ":" + p.getArtifactId())
        .collect(Collectors.toSet());
    List<LayerPlan.AppFile> releases = new ArrayList<>();
    List<LayerPlan.AppFile> snapshots = new ArrayList<>();
    List<LayerPlan.AppFile> modules = new ArrayList<>();
    List<String> classpath = new ArrayList<>();
    classpath.add(APP_ROOT + "/classes");
    List<Path> sources = new ArrayList<>();
    sources.add(Path.of(project.getBuild().getOutputDirectory()));
    Set<String> names = new java.util.HashSet<>();
    for (Artifact a : shipped) {
      if (a.getFile() == null || !a.getArtifactHandler().isAddedToClasspath()) {
        continue;
      }
      Path file = a.getFile().toPath();
      sources.add(file);
      boolean inReactor = reactor.contains(a.getGroupId() + ":" + a.getArtifactId());
      List<LayerPlan.AppFile> target = inReactor ? modules : a.isSnapshot() ? snapshots : releases;
      if (Files.isDirectory(file)) {
        String dir = APP_ROOT + "/modules/" + a.getArtifactId();
        walk(file).forEach(f -> target.add(new LayerPlan.AppFile(f, dir + "/" + slash(file.relativize(f)))));
        classpath.add(dir);
        continue;
      }
      String name = a.getArtifactId() + "-" + a.getBaseVersion()
          + (a.getClassifier() == null || a.getClassifier().isEmpty() ? "" : "-" + a.getClassifier())
          + "." + a.getArtifactHandler().getExtension();
      if (!names.add(name)) {
        name = a.getGroupId() + "-" + name;
        names.add(name);
      }
      String imagePath = APP_ROOT + (inReactor ? "/modules/" : "/libs/") + name;
      target.add(new LayerPlan.AppFile(file, imagePath));
      classpath.add(imagePath);
    }
    List<LayerPlan.AppFile> resources = new ArrayList<>();
    List<LayerPlan.AppFile> classes = new ArrayList<>();
    Path output = Path.of(project.getBuild().getOutputDirectory());
    if (Files.isDirectory(output)) {
      for (Path f : walk(output)) {
        String imagePath = APP_ROOT + "/classes/" + slash(output.relativize(f));
        (f.toString().endsWith(".class") ? classes : resources).add(new LayerPlan.AppFile(f, imagePath));
      }
    }
    return new Layers(List.of(
        new LayerPlan("dependencies", releases),
        new LayerPlan("snapshot-dependencies", snapshots),
        new LayerPlan("modules", modules),
        new LayerPlan("resources", resources),
        new LayerPlan("classes", classes)), classpath, sources);
  }

  private static List<Path> walk(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String slash(Path relative) {
    return relative.toString().replace('\\', '/');
  }

  private Map<String, String> labels(Path basedir) {
    Map<String, String> labels = new LinkedHashMap<>();
    String prefix = "org.opencontainers.image.";
    labels.put(prefix + "title", project.getName() != null ? project.getName() : project.getArtifactId());
    labels.put(prefix + "version", project.getVersion());
    if (project.getDescription() != null && !project.getDescription().isBlank()) {
      labels.put(prefix + "description", project.getDescription().trim().replaceAll("\\s+", " "));
    }
    GitRevision.of(basedir).ifPresent(rev -> labels.put(prefix + "revision", rev));
    if (project.getScm() != null && project.getScm().getUrl() != null) {
      labels.put(prefix + "source", project.getScm().getUrl());
    }
    if (project.getUrl() != null) {
      labels.put(prefix + "url", project.getUrl());
    }
    List<String> licenses = project.getLicenses().stream().map(License::getName).filter(n -> n != null).toList();
    if (!licenses.isEmpty()) {
      labels.put(prefix + "licenses", String.join(" AND ", licenses));
    }
    if (project.getOrganization() != null && project.getOrganization().getName() != null) {
      labels.put(prefix + "vendor", project.getOrganization().getName());
    }
    return labels;
  }

  /** {@code project.build.outputTimestamp} when set (Maven's reproducible-builds property), else the epoch. */
  private Instant created() {
    String value = project.getProperties().getProperty("project.build.outputTimestamp");
    if (value == null || value.isBlank() || value.length() < 2) {
      return Instant.EPOCH;
    }
    if (value.matches("\\d+")) {
      return Instant.ofEpochSecond(Long.parseLong(value));
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException("project.build.outputTimestamp", "'" + value + "' is not a timestamp.",
          "use ISO-8601 such as 2024-01-01T00:00:00Z, or seconds since the epoch.");
    }
  }

  /** The application's Java feature version: {@code maven.compiler.release}, else {@code target}, else the build JDK's. */
  private int javaFeatureVersion() {
    Properties p = project.getProperties();
    for (String key : List.of("maven.compiler.release", "maven.compiler.target")) {
      String v = p.getProperty(key);
      if (v != null && v.trim().matches("(1\\.)?\\d+")) {
        String t = v.trim();
        return Integer.parseInt(t.startsWith("1.") ? t.substring(2) : t);
      }
    }
    return Runtime.version().feature();
  }
}
