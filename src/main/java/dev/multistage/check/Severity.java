package dev.multistage.check;

import dev.multistage.plan.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How bad a finding is, lowest first; {@code failOn} names the lowest that fails the build. */
public enum Severity {
  LOW("note", "3.0"),
  MEDIUM("warning", "5.0"),
  HIGH("error", "7.5"),
  CRITICAL("error", "9.5");

  /** The {@code failOn} value that never fails: the findings are only reported. */
  public static final String NONE = "none";

  private final String sarifLevel;
  private final String securityScore;

  Severity(String sarifLevel, String securityScore) {
    this.sarifLevel = sarifLevel;
    this.securityScore = securityScore;
  }

  /** {@code high}: how users write it and the outputs show it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The SARIF {@code level}: error, warning or note. */
  String sarifLevel() {
    return sarifLevel;
  }

  /** The {@code security-severity} score code-scanning UIs sort and label by (9.0+ critical, 7.0+ high, …). */
  String securityScore() {
    return securityScore;
  }

  /**
   * {@code value} as the lowest severity that fails, or empty for {@value #NONE}.
   *
   * @param parameter the parameter that holds it, for the message
   */
  static Optional<Severity> parseFailOn(String value, String parameter) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.equals(NONE)) {
      return Optional.empty();
    }
    for (Severity s : values()) {
      if (s.id().equals(v)) {
        return Optional.of(s);
      }
    }
    throw new InvalidParameterException(parameter, "'" + value + "' is not a severity.",
        "use one of " + Arrays.stream(values()).map(Severity::id).collect(Collectors.joining(", ")) + " (the lowest "
            + "severity that fails the build), or " + NONE + " to report without failing.");
  }
}
