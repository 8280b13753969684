package dev.multistage.builder;

import dev.multistage.plan.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Links a custom Java runtime with jlink, once per JDK and module set: the result is cached by a key of both, so a
 * rebuild that needs the same modules reuses it without relinking.
 */
public final class RuntimeLinker {
  /** Modules of one reactor that need the same runtime link it once. */
  private static final SharedWork<LinkedRuntime> LINKING = new SharedWork<>();

  private RuntimeLinker() {}

  /**
   * A linked runtime directory.
   *
   * @param reused true when it came from the cache, without running jlink
   * @param repaired why the cached runtime was relinked (a damaged file), or empty
   */
  public record LinkedRuntime(Path directory, ModuleSet modules, String jdkVersion, String key, boolean reused,
      Optional<String> repaired) {}

  /**
   * Links {@code modules} with {@code jdk}'s jlink.
   *
   * @param modulePath jmods to link from (a builder image's), or empty for the JDK's own jmods / run-time image
   * @param modulePathIdentity what identifies those jmods in the cache key (the builder image digest)
   */
  public static LinkedRuntime link(Jdk jdk, Optional<Path> modulePath, String modulePathIdentity, ModuleSet modules,
      Path cacheDirectory) {
    ModuleSet available = modules.availableIn(modulesOf(jdk, modulePath));
    // no --compress: the layer's gzip packs an uncompressed lib/modules better (15.7 MB vs 18.3 MB measured)
    List<String> options = new ArrayList<>(List.of("--strip-debug", "--no-header-files", "--no-man-pages"));
    if (available.modules().contains("jdk.localedata") && !available.locales().isEmpty()) {
      options.add("--include-locales=" + String.join(",", available.locales()));
    }
    Optional<String> strip = NativeStrip.available(jdk);
    String key = CacheKey.of(jdk.version() + "\n" + modulePath.map(p -> modulePathIdentity)
        .orElse(jdk.home().toString()) + "\n" + available.joined() + "\n" + String.join(" ", options) + "\n"
        + strip.orElse("no strip"));
    Path target = cacheDirectory.resolve("runtimes").resolve(key);
    try {
      return LINKING.once(target, () -> linkInto(target, key, jdk, modulePath, available, options, strip));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LinkedRuntime linkInto(Path target, String key, Jdk jdk, Optional<Path> modulePath,
      ModuleSet available, List<String> options, Optional<String> strip) throws IOException {
    Optional<String> damage = Optional.empty();
    if (CacheDirectories.isComplete(target)) {
      damage = CacheDirectories.damage(target);
      if (damage.isEmpty()) {
        return new LinkedRuntime(target.resolve("runtime"), available, jdk.version(), key, true, Optional.empty());
      }
      CacheDirectories.evict(target); // it would ship a JVM that cannot start
    }
    try (CacheDirectories.Work begun = CacheDirectories.begin(target)) {
      Path work = begun.path();
      List<String> cmd = new ArrayList<>(List.of(jdk.tool("jlink").toString()));
      modulePath.ifPresent(p -> cmd.addAll(List.of("--module-path", p.toString())));
      cmd.addAll(List.of("--add-modules", available.joined()));
      cmd.addAll(options);
      cmd.addAll(List.of("--output", work.resolve("runtime").toString()));
      String out = run(cmd);
      if (strip.isPresent()) {
        NativeStrip.strip(work.resolve("runtime"));
      }
      CacheDirectories.recordFiles(work);
      Files.writeString(work.resolve(CacheDirectories.COMPLETE), String.join(" ", cmd) + "\n" + out);
      CacheDirectories.publish(work, target); // another process may have linked the same runtime first
    }
    return new LinkedRuntime(target.resolve("runtime"), available, jdk.version(), key, false, damage);
  }

  /** Modules the linking input offers: the jmods in {@code modulePath}, else the JDK's own. */
  static Set<String> modulesOf(Jdk jdk, Optional<Path> modulePath) {
    Set<String> modules = new TreeSet<>();
    Optional<Path> jmods = modulePath.or(jdk::jmods);
    if (jmods.isPresent()) {
      try (Stream<Path> files = Files.list(jmods.get())) {
        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jmod"))
            .forEach(n -> modules.add(n.substring(0, n.length() - ".jmod".length())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return modules;
    }
    for (String line : run(List.of(jdk.tool("java").toString(), "--list-modules")).split("\n")) {
      int at = line.indexOf('@');
      if (!line.isBlank()) {
        modules.add((at < 0 ? line : line.substring(0, at)).trim());
      }
    }
    return modules;
  }

  static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new InvalidParameterException("jlink", String.join(" ", cmd) + " failed:\n" + out.trim(),
            "check <addModules> and <builderImage>, or set <jlink>false</jlink> to use a full JRE base.");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
    }
  }
}
