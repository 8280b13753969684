package dev.multistage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {

  @Test
  void layersLineUpInColumns() {
    List<String> lines = ConsoleReport.lines(Reports.minimal());
    assertEquals(List.of(
        "Image example.com/hello:1 (linux/amd64, user 1001:1001)",
        "  digest " + Reports.DIGEST,
        "  layer                    files  compressed  uncompressed  status",
        "  base                         3      5.0 MB       15.0 MB  reused",
        "  classes                      3      1.8 kB        5.4 kB  new",
        "  total                               5.0 MB       15.0 MB"), lines);
  }

  @Test
  void theGeneratedCommandIsLeftOutButWhatTheUserSetIsShown() {
    List<String> full = ConsoleReport.lines(Reports.full());
    assertTrue(full.contains("  entrypoint (configured): /bin/sh -c a|b"), full::toString);
    assertTrue(full.contains("  working directory: /srv"), full::toString);
    assertFalse(String.join("\n", ConsoleReport.lines(Reports.minimal())).contains("entrypoint"));
  }

  @Test
  void theComparisonNamesTheBaselineAndAnUnreadableOnePointsToTheWarning() {
    List<String> full = ConsoleReport.lines(Reports.full());
    assertEquals("  21.3 MB vs 140.0 MB single-stage (-85%), single-stage = jdk:17 + app layers",
        full.get(full.size() - 1));
    List<String> unavailable = ConsoleReport.lines(Reports.unavailableBaseline());
    assertEquals("  single-stage baseline unavailable (see the warning above)",
        unavailable.get(unavailable.size() - 1));
  }

  @Test
  void eachPlatformHasALineWithItsShortDigest() {
    assertTrue(ConsoleReport.lines(Reports.full())
        .contains("  platform linux/arm64               20.0 MB       60.0 MB  sha256:eeeeeeeeeeee"));
  }
}
