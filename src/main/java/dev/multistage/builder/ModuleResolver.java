package dev.multistage.builder;

import dev.multistage.plan.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Decides which modules the runtime needs: what {@code jdeps} finds in the application and its class path, what
 * frameworks load reflectively (see {@code framework-modules.properties}), TLS, and the user's {@code addModules}.
 */
public final class ModuleResolver {
  private static final Properties FRAMEWORKS = load();

  private ModuleResolver() {}

  /**
   * @param jdk the JDK whose jdeps analyses (its version should be the target's)
   * @param targets the application's classes directories and jars, its dependencies first-class too
   * @param artifactIds the dependencies' artifactIds, for the framework rules
   */
  public static ModuleSet resolve(Jdk jdk, List<Path> targets, Set<String> artifactIds, List<String> addModules) {
    Map<String, Set<String>> reasons = new HashMap<>();
    for (String m : jdeps(jdk, targets)) {
      add(reasons, m, "jdeps");
    }
    add(reasons, "java.base", "jdeps");
    for (String key : FRAMEWORKS.stringPropertyNames()) {
      boolean hit = key.endsWith("*")
          ? artifactIds.stream().anyMatch(a -> a.startsWith(key.substring(0, key.length() - 1)))
          : artifactIds.contains(key);
      if (hit) {
        for (String m : FRAMEWORKS.getProperty(key).split(",")) {
          add(reasons, m.trim(), key);
        }
      }
    }
    add(reasons, "jdk.crypto.ec", "TLS");
    for (String m : addModules) {
      if (!m.isBlank()) {
        add(reasons, m.trim(), "addModules");
      }
    }
    return new ModuleSet(reasons);
  }

  private static void add(Map<String, Set<String>> reasons, String module, String reason) {
    reasons.computeIfAbsent(module, k -> new HashSet<>()).add(reason);
  }

  static List<String> jdeps(Jdk jdk, List<Path> targets) {
    List<Path> existing = targets.stream().filter(ModuleResolver::hasContent).toList();
    if (existing.isEmpty()) {
      return List.of("java.base");
    }
    List<String> cmd = new ArrayList<>(List.of(jdk.tool("jdeps").toString(), "--ignore-missing-deps",
        "--print-module-deps", "--multi-release", Integer.toString(Math.max(9, jdk.feature()))));
    List<String> jars = existing.stream().filter(p -> p.toString().endsWith(".jar")).map(Path::toString).toList();
    if (!jars.isEmpty()) {
      cmd.add("--class-path");
      cmd.add(String.join(java.io.File.pathSeparator, jars));
    }
    existing.forEach(p -> cmd.add(p.toString()));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new InvalidParameterException("addModules", "jdeps could not analyse the application:\n" + out.trim(),
            "list the modules it needs in <addModules>, or set <jlink>false</jlink> to use a full JRE base.");
      }
      String[] lines = out.trim().split("\n");
      String last = lines[lines.length - 1].trim();
      List<String> modules = new ArrayList<>();
      for (String m : last.split(",")) {
        if (m.matches("[a-zA-Z][\\w.]*")) {
          modules.add(m);
        }
      }
      return modules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running jdeps", e);
    }
  }

  private static boolean hasContent(Path p) {
    if (Files.isRegularFile(p)) {
      return true;
    }
    try (var files = Files.walk(p)) {
      return files.anyMatch(f -> f.toString().endsWith(".class"));
    } catch (IOException e) {
      return false;
    }
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = ModuleResolver.class.getResourceAsStream("framework-modules.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
