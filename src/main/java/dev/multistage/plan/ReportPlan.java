package dev.multistage.plan;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the size report compares the image with, and the budgets that fail the build once the report is written.
 *
 * @param baselineImage the image a single-stage Dockerfile would start from ({@code FROM jdk-image}); empty: none
 * @param maxImageBytes the largest compressed image allowed
 * @param minReduction the smallest reduction against the baseline allowed, {@code 0 <= r < 1}
 */
public record ReportPlan(Optional<BaseSource> baselineImage, OptionalLong maxImageBytes, OptionalDouble minReduction) {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kmgt])(i)?)?b?",
      Pattern.CASE_INSENSITIVE);

  /** No baseline, no budgets. */
  public static ReportPlan none() {
    return new ReportPlan(Optional.empty(), OptionalLong.empty(), OptionalDouble.empty());
  }

  public ReportPlan withBaseline(BaseSource baseline) {
    return new ReportPlan(Optional.of(baseline), maxImageBytes, minReduction);
  }

  /**
   * Reads both budgets as the user wrote them; a blank value means no budget.
   *
   * @param maxImageSize e.g. {@code 80MB}, {@code 80 MB}, {@code 1.5GB}, {@code 500kB} (decimal units, as the report)
   * @param minReduction e.g. {@code 0.7} or {@code 70%}
   */
  public static ReportPlan budgets(Optional<BaseSource> baselineImage, String maxImageSize, String minReduction) {
    return new ReportPlan(baselineImage, parseSize(maxImageSize, "maxImageSize"),
        parseReduction(minReduction, "minReduction"));
  }

  static OptionalLong parseSize(String value, String parameter) {
    if (value == null || value.isBlank()) {
      return OptionalLong.empty();
    }
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new InvalidParameterException(parameter, "'" + value + "' is not a size.",
          "write a number with a unit, e.g. 80MB, 1.5GB or 500kB (decimal units, as the size report shows them).");
    }
    int power = m.group(2) == null ? 0 : "kmgt".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
    long base = m.group(3) == null ? 1000 : 1024;
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(base).pow(power));
    if (bytes.signum() <= 0) {
      throw new InvalidParameterException(parameter, "'" + value + "' leaves no room for any image.",
          "set a size above zero, e.g. 80MB, or remove <" + parameter + ">.");
    }
    return OptionalLong.of(bytes.longValue());
  }

  static OptionalDouble parseReduction(String value, String parameter) {
    if (value == null || value.isBlank()) {
      return OptionalDouble.empty();
    }
    String v = value.trim();
    boolean percent = v.endsWith("%");
    double r;
    try {
      r = Double.parseDouble(percent ? v.substring(0, v.length() - 1).trim() : v) / (percent ? 100 : 1);
    } catch (NumberFormatException e) {
      r = Double.NaN;
    }
    if (!(r >= 0 && r < 1)) {
      throw new InvalidParameterException(parameter, "'" + value + "' is not a reduction between 0 and 1.",
          "write the share of the single-stage image's size to save, e.g. 0.7 (or 70%) for at least 70% smaller.");
    }
    return OptionalDouble.of(r);
  }
}
