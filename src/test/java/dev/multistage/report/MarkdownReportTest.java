package dev.multistage.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void aPipeInAConfiguredValueDoesNotEndItsCell() {
    assertTrue(MarkdownReport.render(Reports.full()).contains("| entrypoint (configured) | `/bin/sh -c a\\|b` |\n"));
  }

  @Test
  void theComparisonLeadsInBold() {
    assertTrue(MarkdownReport.render(Reports.full())
        .startsWith("## Image `example.com/hello:1`\n\n**21.3 MB vs 140.0 MB single-stage (-85%)**\n\n"));
  }

  @Test
  void anUnreadableBaselineIsSaidInsteadOfAComparison() {
    String md = MarkdownReport.render(Reports.unavailableBaseline());
    assertTrue(md.contains("**single-stage baseline unavailable: registry.example: connection refused**"), md);
    assertFalse(md.contains("| single-stage |"), md);
  }

  @Test
  void modulesAndPlatformsHaveTablesOnlyWhenThereAreAny() {
    String full = MarkdownReport.render(Reports.full());
    assertTrue(full.contains("| java.sql | addModules, uses in app.jar |\n"), full);
    assertTrue(full.contains("| linux/arm64 | `sha256:eeeeeeeeeeee` | 20.0 MB | 60.0 MB |\n"), full);
    String minimal = MarkdownReport.render(Reports.minimal());
    assertFalse(minimal.contains("runtime module") || minimal.contains("| platform | manifest digest |"), minimal);
  }

  @Test
  void eachLayerRowHasItsSizesShortDigestAndStatus() {
    assertTrue(MarkdownReport.render(Reports.minimal())
        .contains("| classes | 3 | 1.8 kB | 5.4 kB | `sha256:c00000000000` | new |\n"));
  }
}
