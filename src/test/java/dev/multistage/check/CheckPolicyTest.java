package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckPolicyTest {
  private static final Finding MEDIUM = new Finding(Rule.WORLD_WRITABLE, "w", "/srv");
  private static final Finding HIGH = new Finding(Rule.SETUID_FILE, "s", "/usr/bin/su");
  private static final Finding CRITICAL = new Finding(Rule.SECRET_FILE, "k", "/app/.env");

  @Test
  void theDefaultFailsOnHighAndCriticalFindingsOnly() {
    CheckPolicy policy = CheckPolicy.parse("high", List.of(), List.of());

    assertEquals(CheckPolicy.standard(), policy);
    assertFalse(policy.fails(MEDIUM));
    assertTrue(policy.fails(HIGH));
    assertTrue(policy.fails(CRITICAL));
  }

  @Test
  void failOnIsReadInAnyCaseAndNoneNeverFails() {
    assertTrue(CheckPolicy.parse(" Medium ", List.of(), List.of()).fails(MEDIUM));
    assertFalse(CheckPolicy.parse("critical", List.of(), List.of()).fails(HIGH));
    assertFalse(CheckPolicy.parse("none", List.of(), List.of()).fails(CRITICAL));
  }

  @Test
  void aSuppressedRuleNeverFailsAndKeepsItsReason() {
    CheckPolicy policy = CheckPolicy.parse("low", List.of("package-cache"),
        List.of(new Suppression("setuid-file", " runs with no-new-privileges ")));

    assertFalse(policy.fails(HIGH));
    assertEquals(Map.of(Rule.SETUID_FILE, "runs with no-new-privileges"), policy.suppressions());
    assertEquals(Set.of(Rule.PACKAGE_CACHE), policy.skip());
  }

  @Test
  void anUnknownRuleToSkipNamesTheParameterTheIdsAndHowToSkipTheGoal() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> CheckPolicy.parse("high", List.of("user-rot"), List.of()));

    assertEquals("check.skip", e.parameter());
    assertTrue(e.getMessage().startsWith("<check.skip>: 'user-rot' is not a rule id. Fix: use the ids docs/check.md "
        + "lists: user-root, user-not-numeric,"), e.getMessage());
    assertTrue(e.getMessage().endsWith("To skip the whole check goal, set -Dmultistage.skip=true."), e.getMessage());
  }

  @Test
  void aBadSeverityNamesFailOnAndTheSeverities() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> CheckPolicy.parse("severe", List.of(), List.of()));

    assertEquals("<check.failOn>: 'severe' is not a severity. Fix: use one of low, medium, high, critical (the "
        + "lowest severity that fails the build), or none to report without failing.", e.getMessage());
  }

  @Test
  void aSuppressionNeedsAKnownRuleAndAReason() {
    InvalidParameterException unknown = assertThrows(InvalidParameterException.class,
        () -> CheckPolicy.parse("high", List.of(), List.of(new Suppression("setuid", "ok"))));
    InvalidParameterException noReason = assertThrows(InvalidParameterException.class,
        () -> CheckPolicy.parse("high", List.of(), List.of(new Suppression("setuid-file", " "))));

    assertEquals("check.suppressions", unknown.parameter());
    assertFalse(unknown.getMessage().contains("multistage.skip"), unknown.getMessage());
    assertEquals("<check.suppressions>: the suppression of setuid-file has no reason. Fix: say in <reason> why its "
        + "findings are acceptable here; check.json, check.sarif and the report show it.", noReason.getMessage());
  }
}
