package dev.multistage.builder;

import dev.multistage.plan.RuntimePlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Decides which modules the runtime needs: what the analysis of the application and its jars finds, what
 * frameworks load reflectively (see {@code framework-modules.properties}), TLS, and the user's {@code addModules} —
 * or exactly the user's {@code modules}, without analysis.
 */
public final class ModuleResolver {
  static final List<Rule> RULES = rules();

  private ModuleResolver() {}

  /** A framework rule: when a dependency matches {@code key}, the runtime gets {@code modules}, because {@code why}. */
  record Rule(String key, List<String> modules, String why) {
    /** @param artifacts the runtime dependencies as {@code groupId:artifactId} */
    boolean matches(Set<String> artifacts) {
      for (String artifact : artifacts) {
        String id = key.contains(":") ? artifact : artifact.substring(artifact.indexOf(':') + 1);
        if (key.endsWith("*") ? id.startsWith(key.substring(0, key.length() - 1)) : id.equals(key)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The class path could not be analysed; {@link #fix} says what to set. */
  public static final class AnalysisFailed extends Exception {
    public final String fix;

    AnalysisFailed(String reason, String fix) {
      super(reason);
      this.fix = fix;
    }
  }

  /**
   * @param jdk the linking JDK's packages, to map what classes use onto its modules
   * @param info where the analysis says what it read and what it could not
   */
  public static ModuleSet resolve(RuntimePlan plan, JdkPackages jdk, Path cacheDirectory, Consumer<String> info)
      throws AnalysisFailed {
    Map<String, Set<String>> reasons = new HashMap<>();
    add(reasons, "java.base", "always");
    if (!plan.modules().isEmpty()) {
      plan.modules().forEach(m -> add(reasons, m.trim(), "modules"));
      plan.addModules().forEach(m -> add(reasons, m.trim(), "addModules"));
      info.accept("Module analysis skipped: <modules> lists the runtime's modules");
      return new ModuleSet(reasons);
    }
    ModuleAnalysis.Result result = ModuleAnalysis.analyse(plan.analysisPaths(), plan.javaFeature(), jdk,
        cacheDirectory);
    long jars = plan.analysisPaths().stream().filter(p -> p.toString().endsWith(".jar")).count();
    info.accept("Module analysis: " + jars + " jars (" + result.fromCache() + " from the cache, " + result.analysed()
        + " analysed) and the application's classes in " + result.millis() + " ms");
    if (!result.unreadable().isEmpty()) {
      String which = result.unreadable().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
          .reduce((a, b) -> a + "; " + b).orElse("");
      if (plan.addModules().isEmpty()) {
        throw new AnalysisFailed("cannot analyse " + which + ".", "list the modules it needs in <addModules> (the "
            + "rest is still analysed), or the runtime's whole module list in <modules>.");
      }
      info.accept("Module analysis could not read " + which + "; its modules come from <addModules>");
    }
    usedBy(result).forEach((module, how) -> {
      boolean application = how.values().stream().flatMap(Set::stream)
          .anyMatch(o -> o.startsWith(ModuleAnalysis.APPLICATION));
      if (ModuleAnalysis.DEVELOPMENT_TOOLS.contains(module) && !application) {
        info.accept("Not linking " + module + ", a development tool module that only dependencies use ("
            + list(how.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toCollection(
                TreeSet::new))) + "); <addModules>" + module + "</addModules> links it");
        return;
      }
      how.forEach((kind, origins) -> add(reasons, module, kind + " in " + list(origins)));
    });
    int unreadableClasses = result.byOrigin().values().stream().mapToInt(ModuleAnalysis.Findings::unreadableClasses)
        .sum();
    if (unreadableClasses > 0) {
      info.accept("Module analysis skipped " + unreadableClasses + " class files that are not valid class files");
    }
    for (Rule rule : RULES) {
      if (rule.matches(plan.artifactIds())) {
        rule.modules().forEach(m -> add(reasons, m, rule.key() + ": " + rule.why()));
      }
    }
    add(reasons, "jdk.crypto.ec", "TLS: elliptic-curve cipher suites most servers negotiate");
    plan.addModules().stream().filter(m -> !m.isBlank()).forEach(m -> add(reasons, m.trim(), "addModules"));
    if (!reasons.containsKey("jdk.localedata")) {
      return new ModuleSet(reasons);
    }
    LocaleChoice.Choice locales = LocaleChoice.choose(plan.locales(),
        plan.analysisPaths().stream().filter(java.nio.file.Files::isDirectory).toList(),
        result.byOrigin().values().stream().flatMap(f -> f.locales().stream()).toList());
    add(reasons, "jdk.localedata", "keeps " + (locales.locales().isEmpty() ? "" : String.join(", ",
        locales.locales()) + ": ") + locales.why());
    return new ModuleSet(reasons, locales.locales());
  }

  /** module → how it is needed ({@code uses}, {@code names java.x.Y}, …) → which jars need it that way. */
  static Map<String, Map<String, Set<String>>> usedBy(ModuleAnalysis.Result result) {
    Map<String, Map<String, Set<String>>> byModule = new TreeMap<>();
    result.byOrigin().forEach((origin, findings) -> findings.modules().forEach((module, how) ->
        byModule.computeIfAbsent(module, k -> new TreeMap<>()).computeIfAbsent(how, k -> new TreeSet<>())
            .add(origin)));
    return byModule;
  }

  private static String list(Set<String> origins) {
    List<String> shown = new ArrayList<>(origins).subList(0, Math.min(3, origins.size()));
    return String.join(", ", shown) + (origins.size() > 3 ? " and " + (origins.size() - 3) + " more" : "");
  }

  private static void add(Map<String, Set<String>> reasons, String module, String reason) {
    reasons.computeIfAbsent(module, k -> new TreeSet<>()).add(reason);
  }

  private static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    try (InputStream in = ModuleResolver.class.getResourceAsStream("framework-modules.properties");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        int eq = line.indexOf('=');
        int bar = line.indexOf(" | ");
        if (line.isBlank() || line.startsWith("#") || eq < 0 || bar < eq) {
          continue;
        }
        List<String> modules = List.of(line.substring(eq + 1, bar).trim().split("\\s*,\\s*"));
        rules.add(new Rule(line.substring(0, eq).trim(), modules, line.substring(bar + 3).trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(rules);
  }
}
