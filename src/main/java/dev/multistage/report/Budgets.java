package dev.multistage.report;

import static dev.multistage.report.Figures.bytes;
import static dev.multistage.report.Figures.percent;

import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.ReportPlan;
import java.util.Comparator;

/** The size budgets ({@code maxImageSize}, {@code minReduction}) checked against a finished report. */
public final class Budgets {
  private Budgets() {}

  /**
   * Fails when {@code report} breaks a budget of {@code plan}, with the figures; call it once the report is written.
   *
   * @throws InvalidParameterException naming {@code maxImageSize}, {@code minReduction}, or {@code baselineImage}
   *     when a reduction is required but the baseline could not be read
   */
  public static void enforce(SizeReport report, ReportPlan plan) {
    long size = report.compressedBytes();
    if (plan.maxImageBytes().isPresent() && size > plan.maxImageBytes().getAsLong()) {
      long budget = plan.maxImageBytes().getAsLong();
      throw new InvalidParameterException("maxImageSize", "the image is " + bytes(size) + " compressed, over the "
          + bytes(budget) + " budget by " + bytes(size - budget) + "; its largest layers: " + largestLayers(report)
          + ".", "make the largest layers smaller (fewer modules or dependencies, a smaller runtime base), or raise "
              + "<maxImageSize> if the growth is intended.");
    }
    if (plan.minReduction().isEmpty()) {
      return;
    }
    double required = plan.minReduction().getAsDouble();
    if (report.baseline() instanceof Baseline.Unavailable u) {
      throw new InvalidParameterException(SingleStageBaseline.PARAMETER, "the single-stage baseline " + u.image()
          + " could not be read, so <minReduction>" + required + "</minReduction> cannot be checked: " + u.reason(),
          "make " + u.image() + " readable from this build, point <baselineImage> at an image it can read "
              + "(registry, tar: or oci:), or remove <minReduction>.");
    }
    if (!(report.baseline() instanceof Baseline.Measured m)) {
      throw new InvalidParameterException("minReduction", "there is no single-stage baseline to compare with.",
          "set <baselineImage>, or remove <minReduction>.");
    }
    double reduction = report.reduction().orElse(0);
    if (reduction < required) {
      throw new InvalidParameterException("minReduction", "the image is " + bytes(size) + " compressed against "
          + bytes(m.compressedBytes()) + " single-stage (" + m.image() + "): " + percent(reduction)
          + " smaller, short of the " + percent(required) + " required.",
          "make the largest layers smaller (" + largestLayers(report) + "), or lower <minReduction>.");
    }
  }

  /** The three layers that weigh most, for the message: where shrinking pays. */
  private static String largestLayers(SizeReport report) {
    return report.layers().stream().sorted(Comparator.comparingLong(SizeReport.LayerRow::compressedBytes).reversed())
        .limit(3).map(l -> l.name() + " " + bytes(l.compressedBytes())).reduce((a, b) -> a + ", " + b)
        .orElse("none");
  }
}
