package dev.multistage.check;

import dev.multistage.plan.InvalidParameterException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the findings mean for the build: the lowest severity that fails it, the rules not run at all, and the rules
 * whose findings are shown but accepted, each with its reason. Read and checked before any image is read.
 *
 * @param failOn empty: report, never fail
 */
public record CheckPolicy(Optional<Severity> failOn, Set<Rule> skip, Map<Rule, String> suppressions) {
  public static final String FAIL_ON = "check.failOn";
  public static final String SKIP = "check.skip";
  public static final String SUPPRESSIONS = "check.suppressions";

  public CheckPolicy {
    skip = skip.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(skip));
    suppressions = Map.copyOf(suppressions);
  }

  /** The default policy: fail on high and critical findings, every rule on, nothing suppressed. */
  public static CheckPolicy standard() {
    return new CheckPolicy(Optional.of(Severity.HIGH), Set.of(), Map.of());
  }

  /**
   * @param failOn {@code low}, {@code medium}, {@code high}, {@code critical} or {@code none}
   * @param skip rule ids
   */
  public static CheckPolicy parse(String failOn, List<String> skip, List<Suppression> suppressions) {
    Set<Rule> skipped = EnumSet.noneOf(Rule.class);
    for (String id : skip) {
      skipped.add(rule(id, SKIP));
    }
    Map<Rule, String> suppressed = new EnumMap<>(Rule.class);
    for (Suppression s : suppressions) {
      Rule rule = rule(s.rule(), SUPPRESSIONS);
      if (s.reason() == null || s.reason().isBlank()) {
        throw new InvalidParameterException(SUPPRESSIONS, "the suppression of " + rule.id() + " has no reason.",
            "say in <reason> why its findings are acceptable here; check.json, check.sarif and the report show it.");
      }
      suppressed.put(rule, s.reason().trim());
    }
    return new CheckPolicy(Severity.parseFailOn(failOn, FAIL_ON), skipped, suppressed);
  }

  /** Whether {@code finding} fails the build: not suppressed, and at least as severe as {@code failOn}. */
  public boolean fails(Finding finding) {
    return !suppressions.containsKey(finding.rule())
        && failOn.map(s -> finding.rule().severity().compareTo(s) >= 0).orElse(false);
  }

  private static Rule rule(String id, String parameter) {
    String trimmed = id == null ? "" : id.trim();
    return Rule.byId(trimmed).orElseThrow(() -> new InvalidParameterException(parameter, "'" + id
        + "' is not a rule id.", "use the ids docs/check.md lists: " + Rule.ids() + "."
        + (parameter.equals(SKIP) ? " To skip the whole check goal, set -Dmultistage.skip=true." : "")));
  }
}
