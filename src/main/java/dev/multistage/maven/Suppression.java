package dev.multistage.maven;

/** One {@code <suppression>} of {@code <check><suppressions>}: a rule id and why its findings are acceptable. */
public class Suppression {
  /** The rule id ({@code setuid-file}). Required. */
  String rule;
  /** Why its findings are acceptable here; check.json, check.sarif and report.html show it. Required. */
  String reason;
}
