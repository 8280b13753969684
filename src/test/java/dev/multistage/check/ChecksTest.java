package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksTest {
  @TempDir Path dir;

  @Test
  void anImageAsTheImageGoalMakesItPassesEveryRule() throws Exception {
    assertEquals(List.of(), SeededImage.clean(dir).findings());
  }

  @Test
  void everyRuleIsReportedByExactlyOneInspection() {
    Set<Rule> seen = EnumSet.noneOf(Rule.class);
    for (Inspection inspection : Checks.INSPECTIONS) {
      for (Rule rule : inspection.rules()) {
        assertTrue(seen.add(rule), rule + " is reported by two inspections");
      }
    }
    assertEquals(EnumSet.allOf(Rule.class), seen);
  }

  @Test
  void aSkippedRuleReportsNothingWhileTheOthersStillRun() throws Exception {
    CheckedImage rootWithoutHealthcheck = SeededImage.clean(dir)
        .config(c -> c.withUser("0").withoutHealthcheck()).image();

    List<Finding> found = Checks.run(rootWithoutHealthcheck, Set.of(Rule.USER_ROOT));

    assertEquals(List.of(Rule.HEALTHCHECK_MISSING), found.stream().map(Finding::rule).toList());
  }

  @Test
  void ruleIdsAreLowercaseWordsJoinedByHyphens() {
    for (Rule rule : Rule.values()) {
      assertTrue(rule.id().matches("[a-z]+(-[a-z]+)*"), rule.id());
      assertEquals(rule, Rule.byId(rule.id()).orElseThrow());
    }
  }
}
