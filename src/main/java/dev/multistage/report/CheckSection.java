package dev.multistage.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The policy check's results as {@code report.html} shows them, in its own section: what the {@code check} goal
 * found in the image the report describes.
 *
 * @param subject the image checked
 * @param summary one line: counts per severity and what fails
 */
public record CheckSection(String subject, String summary, boolean passed, List<Row> rows) {

  /**
   * One finding.
   *
   * @param suppressed the reason it is accepted, when it is
   * @param fails whether it fails the build
   */
  public record Row(String severity, String rule, String platform, String location, String message, String fix,
      Optional<String> suppressed, boolean fails) {}

  public CheckSection {
    rows = List.copyOf(rows);
  }

  /**
   * Puts this section into the {@code report.html} the image goal wrote, replacing the section of an earlier
   * check; the page is replaced whole. Without a report.html (an image the image goal did not build) nothing is
   * written.
   *
   * @return whether there was a page to add it to
   */
  public boolean addTo(Path reportHtml) throws IOException {
    if (!Files.isRegularFile(reportHtml)) {
      return false;
    }
    String page = Files.readString(reportHtml, StandardCharsets.UTF_8);
    OutputFiles.replace(reportHtml, HtmlReport.withCheck(page, this).getBytes(StandardCharsets.UTF_8));
    return true;
  }
}
