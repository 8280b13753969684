package dev.multistage.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/** The report's Markdown appended to a CI job's summary file, as GitHub Actions shows it on the run's page. */
public final class StepSummary {
  /** The environment variable GitHub Actions sets to the file a job step's Markdown summary is appended to. */
  public static final String VARIABLE = "GITHUB_STEP_SUMMARY";

  private StepSummary() {}

  /**
   * Appends {@code report}'s Markdown to the file {@value #VARIABLE} in {@code environment} names, if any.
   *
   * @return the file appended to
   */
  public static Optional<Path> append(SizeReport report, Map<String, String> environment) throws IOException {
    return append(MarkdownReport.render(report), environment);
  }

  /** Appends a report's {@code markdown} (report.md of an earlier build) as {@link #append(SizeReport, Map)} does. */
  public static Optional<Path> append(String markdown, Map<String, String> environment) throws IOException {
    String file = environment.get(VARIABLE);
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    Path summary = Path.of(file);
    // earlier steps' summaries in the same file stay; ours follows them
    Files.writeString(summary, markdown + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return Optional.of(summary);
  }
}
