package dev.multistage.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.ReportPlan;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetsTest {

  private static ReportPlan maxBytes(long bytes) {
    return new ReportPlan(Optional.empty(), OptionalLong.of(bytes), OptionalDouble.empty());
  }

  private static ReportPlan minReduction(double share) {
    return new ReportPlan(Optional.empty(), OptionalLong.empty(), OptionalDouble.of(share));
  }

  @Test
  void noBudgetsNeverFail() {
    assertDoesNotThrow(() -> Budgets.enforce(Reports.minimal(), ReportPlan.none()));
  }

  @Test
  void anImageAtItsSizeBudgetPasses() {
    assertDoesNotThrow(() -> Budgets.enforce(Reports.minimal(), maxBytes(5_002_300)));
  }

  @Test
  void anImageOverItsSizeBudgetFailsWithTheOverrunAndTheLargestLayers() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> Budgets.enforce(Reports.full(), maxBytes(20_000_000)));
    assertEquals("maxImageSize", e.parameter());
    assertEquals("<maxImageSize>: the image is 21.3 MB compressed, over the 20.0 MB budget by 1.3 MB; its largest "
        + "layers: runtime 16.3 MB, base 5.0 MB, classes 1.8 kB. Fix: make the largest layers smaller (fewer modules "
        + "or dependencies, a smaller runtime base), or raise <maxImageSize> if the growth is intended.",
        e.getMessage());
  }

  @Test
  void aReductionAtTheRequiredSharePasses() {
    // 5,002,300 against 10,001,800: just over 49.98% smaller
    assertDoesNotThrow(() -> Budgets.enforce(Reports.against(10_000_000), minReduction(0.4998)));
  }

  @Test
  void aReductionShortOfTheRequiredShareFailsWithBothPercentages() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> Budgets.enforce(Reports.against(10_000_000), minReduction(0.7)));
    assertEquals("minReduction", e.parameter());
    assertTrue(e.getMessage().contains("the image is 5.0 MB compressed against 10.0 MB single-stage (jdk:17): "
        + "50.0% smaller, short of the 70.0% required."), e.getMessage());
    assertTrue(e.fix().contains("base 5.0 MB, classes 1.8 kB"), e.fix());
  }

  @Test
  void aRequiredReductionWithAnUnreadableBaselineFailsNamingBaselineImageAndWhy() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> Budgets.enforce(Reports.unavailableBaseline(), minReduction(0.5)));
    assertEquals("baselineImage", e.parameter());
    assertTrue(e.getMessage().contains("jdk:17 could not be read")
        && e.getMessage().contains("registry.example: connection refused"), e.getMessage());
  }

  @Test
  void aRequiredReductionWithoutABaselineFailsNamingMinReduction() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> Budgets.enforce(Reports.minimal(), minReduction(0.5)));
    assertEquals("minReduction", e.parameter());
    assertEquals("set <baselineImage>, or remove <minReduction>.", e.fix());
  }
}
