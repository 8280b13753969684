package dev.multistage.check;

import dev.multistage.report.CheckSection;
import dev.multistage.report.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the check found in the images it read, under the policy it ran with: the rows every output shows, which of
 * them fail the build, and the outputs themselves.
 *
 * @param subject what was checked, as the outputs name it
 * @param images each image read, one per platform
 * @param rows every finding, suppressed ones included, in the order found
 */
public record CheckReport(String subject, List<Image> images, List<Row> rows, CheckPolicy policy) {
  public static final String JSON = "check.json";
  public static final String SARIF = "check.sarif";

  /** One image the check read: its platform (as its config says) and manifest digest. */
  public record Image(String platform, Optional<String> digest) {}

  /**
   * One finding, with the platform of the image it was found in.
   *
   * @param suppressed the reason the finding is accepted, when its rule is suppressed
   */
  public record Row(Finding finding, String platform, Optional<String> suppressed) {
    /** {@code finding} in an image for {@code platform}, suppressed when {@code policy} says so. */
    public static Row of(Finding finding, String platform, CheckPolicy policy) {
      return new Row(finding, platform, Optional.ofNullable(policy.suppressions().get(finding.rule())));
    }

    public Rule rule() {
      return finding.rule();
    }
  }

  public CheckReport {
    images = List.copyOf(images);
    rows = List.copyOf(rows);
  }

  /** The rows that fail the build under the policy. */
  public List<Row> failing() {
    return rows.stream().filter(r -> policy.fails(r.finding())).toList();
  }

  public boolean passed() {
    return failing().isEmpty();
  }

  /** Findings per severity, suppressed ones left out. */
  Map<Severity, Long> counts() {
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, rows.stream().filter(r -> r.suppressed().isEmpty() && r.rule().severity() == s).count());
    }
    return counts;
  }

  /** {@code 2 findings (1 high, 1 medium), 1 suppressed; fails on high}: one line for logs and pages. */
  public String summary() {
    long open = rows.stream().filter(r -> r.suppressed().isEmpty()).count();
    String bySeverity = counts().entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted((a, b) -> b.getKey().compareTo(a.getKey()))
        .map(e -> e.getValue() + " " + e.getKey().id()).collect(Collectors.joining(", "));
    long suppressed = rows.size() - open;
    return open + (open == 1 ? " finding" : " findings") + (bySeverity.isEmpty() ? "" : " (" + bySeverity + ")")
        + (suppressed > 0 ? ", " + suppressed + " suppressed" : "") + "; "
        + policy.failOn().map(s -> "fails on " + s.id() + (s == Severity.CRITICAL ? "" : " and above"))
            .orElse("failOn=none: never fails");
  }

  /** The message the build fails with: every failing finding with its fix, and how to accept one. */
  public String failureMessage() {
    StringBuilder m = new StringBuilder("multistage check: " + subject + " breaks " + failing().size() + " rule"
        + (failing().size() == 1 ? "" : "s") + " at " + policy.failOn().map(Severity::id).orElse("") + " or above:");
    for (Row r : failing()) {
      m.append("\n  [").append(r.rule().severity().id()).append("] ").append(r.rule().id()).append(": ")
          .append(r.finding().message()).append(" Fix: ").append(r.rule().fix());
    }
    m.append("\nTo accept a finding, add <check><suppressions><suppression><rule>id</rule><reason>why</reason>"
        + "</suppression></suppressions></check>; to stop running a rule, <check><skip>id</skip></check>.");
    return m.toString();
  }

  public List<String> consoleLines() {
    return CheckConsole.lines(this);
  }

  /** The check section of report.html. */
  public CheckSection section() {
    return new CheckSection(subject, summary(), passed(), rows.stream().map(r -> new CheckSection.Row(
        r.rule().severity().id(), r.rule().id(), r.platform(), r.finding().location(), r.finding().message(),
        r.rule().fix(), r.suppressed(), policy.fails(r.finding()))).toList());
  }

  /** Writes {@value #JSON} and {@value #SARIF} into {@code directory}, each through a temp file. */
  public void writeTo(Path directory, String toolVersion, String sourceUri) throws IOException {
    Files.createDirectories(directory);
    OutputFiles.replace(directory.resolve(JSON), CheckJson.bytes(this));
    OutputFiles.replace(directory.resolve(SARIF), CheckSarif.bytes(this, toolVersion, sourceUri));
  }

  /** Removes the outputs of an earlier check, so a check that fails half-way leaves none that look current. */
  public static void forget(Path directory) throws IOException {
    Files.deleteIfExists(directory.resolve(JSON));
    Files.deleteIfExists(directory.resolve(SARIF));
  }
}
