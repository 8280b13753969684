package dev.multistage.builder;

import dev.multistage.plan.InvalidParameterException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The modules a linked runtime holds, each with why it is there ({@code uses in …}, {@code spring-boot: …},
 * {@code TLS: …}, {@code addModules}, …) so the report can explain the runtime.
 *
 * @param locales the locales {@code jdk.localedata} keeps (jlink's {@code --include-locales}), empty for all
 */
public record ModuleSet(Map<String, Set<String>> reasons, Set<String> locales) {

  public ModuleSet {
    Map<String, Set<String>> copy = new TreeMap<>();
    reasons.forEach((m, r) -> copy.put(m, Collections.unmodifiableSet(new TreeSet<>(r))));
    reasons = Collections.unmodifiableMap(copy);
    locales = Collections.unmodifiableSet(new TreeSet<>(locales));
  }

  public ModuleSet(Map<String, Set<String>> reasons) {
    this(reasons, Set.of());
  }

  /** This set keeping only {@code locales} of {@code jdk.localedata}. */
  public ModuleSet withLocales(Set<String> locales) {
    return new ModuleSet(reasons, locales);
  }

  public Set<String> modules() {
    return new TreeSet<>(reasons.keySet());
  }

  /** This set with {@code modules} added for {@code reason}. */
  public ModuleSet with(Set<String> modules, String reason) {
    Map<String, Set<String>> more = new TreeMap<>(reasons);
    for (String m : modules) {
      Set<String> why = new TreeSet<>(more.getOrDefault(m, Set.of()));
      why.add(reason);
      more.put(m, why);
    }
    return new ModuleSet(more, locales);
  }

  /** {@code a,b,c}, sorted, as jlink's {@code --add-modules} takes it. */
  public String joined() {
    return String.join(",", modules());
  }

  /**
   * Checks the set against the modules the linking JDK has; a module named only by {@code addModules} that the JDK
   * lacks is the user's mistake, other missing ones (framework rules for modules newer JDKs dropped) are left out.
   */
  public ModuleSet availableIn(Set<String> jdkModules) {
    Map<String, Set<String>> kept = new TreeMap<>();
    for (Map.Entry<String, Set<String>> e : reasons.entrySet()) {
      if (jdkModules.contains(e.getKey())) {
        kept.put(e.getKey(), e.getValue());
      } else if (e.getValue().contains("addModules")) {
        List<String> close = jdkModules.stream().filter(m -> m.contains(e.getKey()) || e.getKey().contains(m))
            .sorted().toList();
        throw new InvalidParameterException("addModules", "the JDK that links the runtime has no module '"
            + e.getKey() + "'" + (close.isEmpty() ? "." : " (did you mean " + String.join(", ", close) + "?)"),
            "list module names as `java --list-modules` prints them, e.g. java.sql,jdk.crypto.ec.");
      }
    }
    return new ModuleSet(kept, locales);
  }
}
