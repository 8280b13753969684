package dev.multistage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The files and log lines a report renders to stay byte-for-byte what was recorded in src/test/resources. */
class RecordedOutputTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"minimal", "full", "unavailable", "measured"})
  void everyFormatMatchesTheRecordedBytes(String name) throws IOException {
    SizeReport report = switch (name) {
      case "minimal" -> Reports.minimal();
      case "full" -> Reports.full();
      case "unavailable" -> Reports.unavailableBaseline();
      default -> Reports.against(140_000_000);
    };
    report.writeTo(dir);
    // the HTML page is recorded once, for the report that has every section: its page frame is the same for all
    for (String file : name.equals("full") ? new String[] {"report.json", "report.md", "report.html"}
        : new String[] {"report.json", "report.md"}) {
      assertEquals(recorded(name + "/" + file), Files.readString(dir.resolve(file)), name + "/" + file);
    }
    assertEquals(recorded(name + "/console.txt"), String.join("\n", report.consoleLines()) + "\n");
  }

  @org.junit.jupiter.api.Test
  void thePageWithACheckSectionMatchesTheRecordedBytes() throws IOException {
    assertEquals(recorded("checked/report.html"), HtmlReport.withCheck(HtmlReport.render(Reports.full()),
        Reports.failedCheck()));
  }

  private static String recorded(String path) throws IOException {
    try (InputStream in = RecordedOutputTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
