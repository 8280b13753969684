package dev.multistage.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The check in the build log: a summary line and a table of findings, most severe first. */
final class CheckConsole {
  private CheckConsole() {}

  static List<String> lines(CheckReport r) {
    List<String> lines = new ArrayList<>();
    String platforms = r.images().stream().map(CheckReport.Image::platform).distinct()
        .reduce((a, b) -> a + ", " + b).orElse("no image");
    lines.add("multistage check: " + r.subject() + " (" + platforms + "): " + r.summary());
    if (!r.rows().isEmpty()) {
      List<CheckReport.Row> rows = new ArrayList<>(r.rows());
      rows.sort((a, b) -> b.rule().severity().compareTo(a.rule().severity()));
      boolean severalPlatforms = r.images().size() > 1;
      List<Function<CheckReport.Row, String>> columns = new ArrayList<>(List.of(
          row -> r.policy().fails(row.finding()) ? "FAIL" : row.suppressed().isPresent() ? "suppressed" : "",
          row -> row.rule().severity().id(), row -> row.rule().id()));
      List<String> headers = new ArrayList<>(List.of("", "severity", "rule"));
      if (severalPlatforms) {
        columns.add(CheckReport.Row::platform);
        headers.add("platform");
      }
      int[] widths = new int[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        widths[c] = headers.get(c).length();
        for (CheckReport.Row row : rows) {
          widths[c] = Math.max(widths[c], columns.get(c).apply(row).length());
        }
      }
      lines.add(line(headers, widths) + "finding");
      for (CheckReport.Row row : rows) {
        List<String> cells = columns.stream().map(c -> c.apply(row)).toList();
        lines.add(line(cells, widths) + row.finding().message()
            + row.suppressed().map(reason -> " (suppressed: " + reason + ")").orElse(""));
      }
    }
    lines.add("multistage check: " + (r.passed() ? "passed" : "FAILED") + " — rules, fixes and suppressions: "
        + "docs/check.md");
    return lines;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder("  ");
    for (int c = 0; c < cells.size(); c++) {
      b.append(cells.get(c)).append(" ".repeat(widths[c] - cells.get(c).length())).append("  ");
    }
    return b.toString();
  }
}
