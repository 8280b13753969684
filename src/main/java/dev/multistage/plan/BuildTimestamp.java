package dev.multistage.plan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The image's creation time from {@code project.build.outputTimestamp}, Maven's reproducible-builds property. */
public final class BuildTimestamp {
  private BuildTimestamp() {}

  /**
   * ISO-8601 with an offset, or seconds since the epoch; the epoch when unset, blank or one character (Maven's way
   * of switching the property off).
   */
  public static Instant parse(String value) {
    if (value.isBlank() || value.length() < 2) {
      return Instant.EPOCH;
    }
    if (value.matches("\\d+")) {
      return Instant.ofEpochSecond(Long.parseLong(value));
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException("project.build.outputTimestamp", "'" + value + "' is not a timestamp.",
          "use ISO-8601 such as 2024-01-01T00:00:00Z, or seconds since the epoch.");
    }
  }
}
