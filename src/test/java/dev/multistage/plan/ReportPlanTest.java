package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReportPlanTest {

  @Test
  void sizesAreDecimalLikeTheReportWithOrWithoutASpace() {
    assertEquals(OptionalLong.of(80_000_000), ReportPlan.parseSize("80MB", "maxImageSize"));
    assertEquals(OptionalLong.of(80_000_000), ReportPlan.parseSize("80 MB", "maxImageSize"));
    assertEquals(OptionalLong.of(1_500_000_000), ReportPlan.parseSize("1.5GB", "maxImageSize"));
    assertEquals(OptionalLong.of(500_000), ReportPlan.parseSize("500kB", "maxImageSize"));
    assertEquals(OptionalLong.of(1_048_576), ReportPlan.parseSize("1MiB", "maxImageSize"));
    assertEquals(OptionalLong.of(1234), ReportPlan.parseSize("1234", "maxImageSize"));
    assertEquals(OptionalLong.empty(), ReportPlan.parseSize(" ", "maxImageSize"));
  }

  @Test
  void reductionIsAShareOrAPercentage() {
    assertEquals(OptionalDouble.of(0.7), ReportPlan.parseReduction("0.7", "minReduction"));
    assertEquals(OptionalDouble.of(0.7), ReportPlan.parseReduction("70%", "minReduction"));
    assertEquals(OptionalDouble.empty(), ReportPlan.parseReduction(null, "minReduction"));
  }

  @Test
  void badBudgetsFailNamingTheParameterBeforeAnythingIsBuilt() {
    for (String bad : new String[] {"eighty MB", "80 XB", "-5MB", "0MB"}) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> ReportPlan.budgets(Optional.empty(), bad, null), bad);
      assertEquals("maxImageSize", e.parameter());
      assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("Fix: "), e.getMessage());
    }
    for (String bad : new String[] {"1", "1.5", "-0.1", "seventy", "170%"}) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> ReportPlan.budgets(Optional.empty(), null, bad), bad);
      assertEquals("minReduction", e.parameter());
    }
  }
}
