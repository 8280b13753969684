package dev.multistage.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them (Docker's {@code 30s}, {@code 1m30s}, {@code 500ms}) and as messages show them. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  private Durations() {}

  /** Parses {@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 2h}; a bare {@code 0} is zero. */
  public static Duration parse(String value, String parameter) {
    String v = value.trim();
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    if (!v.matches("(\\d+(ms|h|m|s))+")) {
      throw new InvalidParameterException(parameter, "'" + value + "' is not a duration.",
          "write it as Docker does: 30s, 1m30s, 500ms.");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(v);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
    }
    return total;
  }

  /** {@code 1.6 s} below ten seconds, {@code 61 s} above: precise where it matters to a reader. */
  public static String describe(Duration d) {
    long millis = d.toMillis();
    return millis < 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : Math.round(millis / 1000.0) + " s";
  }
}
