package dev.multistage.engine;

import dev.multistage.builder.CacheDirectories;
import dev.multistage.builder.CacheKey;
import dev.multistage.builder.Jdk;
import dev.multistage.builder.JdkPackages;
import dev.multistage.builder.LinkedRuntimeCheck;
import dev.multistage.builder.Libc;
import dev.multistage.builder.ModuleResolver;
import dev.multistage.builder.ModuleSet;
import dev.multistage.builder.RuntimeLinker;
import dev.multistage.image.BaseImage;
import dev.multistage.image.Layer;
import dev.multistage.layer.BaseFilesystem;
import dev.multistage.layer.LayerExtractor;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.plan.RuntimePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The builder stage's jlink step: picks the JDK that can link for the runtime base (the build JDK when it matches,
 * else a builder image's jmods linked by a local jlink of the same version), decides the modules and links them.
 */
final class LinkedRuntimeStep {
  private final RuntimePlan plan;
  private final Platform platform;
  private final Path cacheDirectory;
  private final BaseLoader loader;
  private final Consumer<String> info;
  private final Consumer<String> warn;
  private final Optional<StartCheck> startCheck;

  /** What the runtime check starts: the image's main class, JVM flags and class path, as files of this machine. */
  record StartCheck(String mainClass, List<String> jvmFlags, List<Path> classpath) {}

  /** Why linking is impossible, with what to set; thrown only inside this step. */
  static final class CannotLink extends Exception {
    final String fix;

    CannotLink(String reason, String fix) {
      super(reason);
      this.fix = fix;
    }
  }

  LinkedRuntimeStep(RuntimePlan plan, Platform platform, Path cacheDirectory, BaseLoader loader,
      Consumer<String> info, Consumer<String> warn, Optional<StartCheck> startCheck) {
    this.plan = plan;
    this.platform = platform;
    this.cacheDirectory = cacheDirectory;
    this.loader = loader;
    this.info = info;
    this.warn = warn;
    this.startCheck = plan.runtimeCheck() ? startCheck : Optional.empty();
  }

  /** The C library of a base, read from its dynamic loader; empty for a base with none (scratch, static). */
  static Optional<Libc> libcOf(BaseFilesystem fs) {
    if (fs.exists("/lib/ld-musl-x86_64.so.1") || fs.exists("/lib/ld-musl-aarch64.so.1")) {
      return Optional.of(Libc.MUSL);
    }
    if (fs.exists("/lib64/ld-linux-x86-64.so.2") || fs.exists("/lib/ld-linux-aarch64.so.1")
        || fs.exists("/lib/x86_64-linux-gnu/libc.so.6") || fs.exists("/lib/aarch64-linux-gnu/libc.so.6")) {
      return Optional.of(Libc.GLIBC);
    }
    return Optional.empty();
  }

  /**
   * A linked runtime and what linked it.
   *
   * @param linkedBy the build JDK, or a builder image's jmods and the local jlink that linked them
   * @param builderImage the builder image whose jmods were linked (pinned), empty when the build JDK's were
   */
  record Linked(RuntimeLinker.LinkedRuntime runtime, String linkedBy, Optional<String> builderImage) {}

  Linked link(BaseImage runtimeBase, BaseFilesystem runtimeFs, Optional<BaseSource> builderImage)
      throws CannotLink, IOException {
    Libc libc = libcOf(runtimeFs).orElseThrow(() -> new CannotLink(runtimeBase.source().display()
        + " has no C library (neither glibc's nor musl's dynamic loader), so no Java runtime can run on it.",
        "use a runtime base with glibc or musl, such as the alpine or slim preset."));
    List<Jdk> local = localJdks();
    List<String> unusable = new ArrayList<>();
    for (Jdk jdk : plan.fromBuilderImageOnly() ? List.<Jdk>of() : local) {
      if (jdk.feature() == plan.javaFeature() && platform.matches(jdk.os(), jdk.arch(), null) && jdk.libc() == libc) {
        if (jdk.whyCannotLink().isPresent()) {
          unusable.add(jdk.whyCannotLink().get());
          continue;
        }
        ModuleSet modules = modules(jdk, Optional.empty());
        return announce(checked(jdk, Optional.empty(), "", RuntimeLinker.link(jdk, Optional.empty(), "", modules,
            cacheDirectory)), "build " + jdk, Optional.empty());
      }
    }
    if (builderImage.isEmpty()) {
      throw new CannotLink("no JDK " + plan.javaFeature() + " for " + platform + " (" + libc.name().toLowerCase()
          + ") runs this build" + (unusable.isEmpty() ? "" : " that can link (" + String.join("; ", unusable) + ")")
          + ", and no builder image is set.",
          "set <builderImage> to a JDK image with jmods, or run the build on a matching JDK.");
    }
    BaseImage builder = loader.load(builderImage.get(), platform, "builderImage");
    String javaHome = builder.config().env().getOrDefault("JAVA_HOME", "/opt/java/openjdk");
    Path jmodsRoot = extractJmods(builder, javaHome);
    Path jmods = jmodsRoot.resolve(javaHome.substring(1)).resolve("jmods");
    Path release = jmodsRoot.resolve(javaHome.substring(1)).resolve("release");
    if (!Files.isRegularFile(jmods.resolve("java.base.jmod")) || !Files.isRegularFile(release)) {
      throw new CannotLink(builderImage.get().display() + " has no jmods at " + javaHome + "/jmods: JDK builds from "
          + "24 on, such as Temurin's, ship without them (JEP 493), and a JDK without jmods links only from its own "
          + "run-time image, so no other JDK can link that image's modules" + (unusable.isEmpty() ? ""
              : "; " + String.join("; ", unusable)) + ".",
          "link with a local JDK " + plan.javaFeature() + " for " + platform + " with " + libc.name().toLowerCase()
              + (libc == Libc.MUSL ? " (an Alpine JDK: run Maven on it or configure it as a toolchain)"
                  : " (run Maven on it or configure it as a toolchain; Temurin's links from its run-time image)")
              + ", set <builderImage> to a JDK " + plan.javaFeature() + " image that has jmods"
              + (libc == Libc.MUSL ? ", or use <runtime>slim</runtime> (glibc), which the build JDK can link for" : "")
              + ".");
    }
    var props = Jdk.parseRelease(Files.readString(release));
    int feature = Jdk.feature(props.getOrDefault("JAVA_VERSION", ""));
    Libc builderLibc = "musl".equalsIgnoreCase(props.get("LIBC"))
        || builder.config().env().containsKey("MUSL_LOCPATH") ? Libc.MUSL : builderLibcOf(builder);
    if (builderLibc != libc) {
      throw new InvalidParameterException("builderImage", builderImage.get().display() + " makes a "
          + builderLibc.name().toLowerCase() + " runtime, but " + runtimeBase.source().display() + " uses "
          + libc.name().toLowerCase() + "; a musl runtime runs only on alpine and a glibc one only on glibc bases.",
          "pair the alpine builder with the alpine runtime base, or a glibc builder with a glibc (slim) base.");
    }
    if (feature != plan.javaFeature()) {
      throw new InvalidParameterException("builderImage", builderImage.get().display() + " is Java " + feature
          + ", but the application targets Java " + plan.javaFeature() + ".",
          "use a builder image of Java " + plan.javaFeature() + ", or change maven.compiler.release.");
    }
    for (Jdk jdk : local) {
      if (jdk.feature() == feature) {
        ModuleSet modules = modules(jdk, Optional.of(jmods));
        return announce(checked(jdk, Optional.of(jmods), builder.manifestDigest(), RuntimeLinker.link(jdk,
            Optional.of(jmods), builder.manifestDigest(), modules, cacheDirectory)),
            "jmods of " + builder.pinnedReference() + " with the jlink of " + jdk,
            Optional.of(builder.pinnedReference()));
      }
    }
    throw new CannotLink("the jmods of " + builderImage.get().display() + " are Java " + feature
        + ", and no local JDK " + feature + " has the jlink to link them (found: "
        + local.stream().map(Jdk::version).toList() + ").",
        "run Maven on JDK " + feature + " or configure a JDK " + feature + " toolchain.");
  }

  /**
   * Starts the app on the linked runtime when this machine can; a JDK class it fails to load adds that module and
   * relinks (twice at most), with a warning that names it. A pass is remembered per runtime and dependencies.
   */
  private RuntimeLinker.LinkedRuntime checked(Jdk jdk, Optional<Path> jmods, String jmodsIdentity,
      RuntimeLinker.LinkedRuntime runtime) throws IOException {
    if (startCheck.isEmpty()) {
      return runtime;
    }
    LinkedRuntimeCheck check = new LinkedRuntimeCheck(JdkPackages.of(jdk, jmods)::moduleOf,
        LinkedRuntimeCheck.DEFAULT_BUDGET, info);
    for (int round = 0; ; round++) {
      Path passed = cacheDirectory.resolve("checks").resolve(checkKey(runtime));
      if (Files.isRegularFile(passed)) {
        info.accept("Runtime check: passed before with this runtime and these dependencies");
        return runtime;
      }
      LinkedRuntimeCheck.Result result = check.run(runtime.directory(), startCheck.get().classpath(),
          startCheck.get().mainClass(), startCheck.get().jvmFlags());
      if (!result.ran()) {
        return runtime;
      }
      if (result.clean()) {
        Files.createDirectories(passed.getParent());
        Files.writeString(passed, "passed in " + result.elapsed().toMillis() + " ms\n");
        return runtime;
      }
      if (round == 2) {
        warn.accept(result.message().orElseThrow());
        return runtime;
      }
      warn.accept(result.message().orElseThrow() + " Linking it in for this build.");
      String seen = result.missing().stream().map(LinkedRuntimeCheck.MissingModule::seen).distinct()
          .collect(java.util.stream.Collectors.joining(", "));
      runtime = RuntimeLinker.link(jdk, jmods, jmodsIdentity, runtime.modules().with(result.modules(),
          "runtime check: the app loaded " + seen + " at start-up"), cacheDirectory);
    }
  }

  /** The runtime, what starts, and every dependency by name, size and time: what the check's result depends on. */
  private String checkKey(RuntimeLinker.LinkedRuntime runtime) throws IOException {
    StringBuilder text = new StringBuilder(runtime.key()).append('\n').append(startCheck.orElseThrow());
    for (Path p : plan.analysisPaths()) {
      if (Files.isRegularFile(p)) {
        text.append('\n').append(p).append(' ').append(Files.size(p)).append(' ')
            .append(Files.getLastModifiedTime(p).toMillis());
      }
    }
    return CacheKey.of(text.toString());
  }

  private Linked announce(RuntimeLinker.LinkedRuntime runtime, String from, Optional<String> builderImage) {
    runtime.repaired().ifPresent(why -> warn.accept("The cached linked runtime " + runtime.key() + " was damaged ("
        + why + "): removed it and linked it again."));
    info.accept((runtime.reused() ? "Reusing linked runtime " : "Linked runtime ") + runtime.key() + " from " + from
        + ": " + runtime.modules().joined());
    return new Linked(runtime, from, builderImage);
  }

  /** The modules to link, mapped onto the linking input's packages: {@code jmods} when given, else the JDK's own. */
  private ModuleSet modules(Jdk jdk, Optional<Path> jmods) throws CannotLink {
    try {
      return ModuleResolver.resolve(plan, JdkPackages.of(jdk, jmods), cacheDirectory, info);
    } catch (ModuleResolver.AnalysisFailed e) {
      throw new CannotLink(e.getMessage(), e.fix);
    }
  }

  private List<Jdk> localJdks() {
    List<Jdk> jdks = new ArrayList<>();
    for (Path home : plan.localJdks()) {
      Jdk.at(home).ifPresent(jdks::add);
    }
    Jdk.current().ifPresent(jdks::add);
    return jdks;
  }

  private Libc builderLibcOf(BaseImage builder) throws IOException {
    BaseFilesystem fs = BaseFilesystem.read(builder.layers().stream().map(Layer::blob).toList(),
        builder.layers().stream().map(l -> l.descriptor().digest()).toList(), Set.of(), cacheDirectory);
    return libcOf(fs).orElse(Libc.GLIBC);
  }

  /** The builder image's jmods and release file on disk, extracted once per image digest. */
  private Path extractJmods(BaseImage builder, String javaHome) throws IOException {
    Path target = cacheDirectory.resolve("jmods").resolve(builder.manifestDigest().replace(':', '-'));
    if (CacheDirectories.isComplete(target)) {
      Optional<String> damage = CacheDirectories.damage(target);
      if (damage.isEmpty()) {
        return target;
      }
      warn.accept("The cached jmods of " + builder.pinnedReference() + " were damaged (" + damage.get()
          + "): extracting them again.");
      CacheDirectories.evict(target);
    }
    try (CacheDirectories.Work work = CacheDirectories.begin(target)) {
      LayerExtractor.extract(builder.layers().stream().map(Layer::blob).toList(),
          List.of(javaHome + "/jmods/", javaHome + "/release"), work.path());
      CacheDirectories.recordFiles(work.path());
      Files.writeString(work.path().resolve(CacheDirectories.COMPLETE), builder.pinnedReference());
      CacheDirectories.publish(work.path(), target);
    }
    return target;
  }
}
