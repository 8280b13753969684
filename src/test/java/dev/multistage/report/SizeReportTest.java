package dev.multistage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizeReportTest {

  @TempDir
  Path dir;

  @Test
  void withPlatformsPointsTheDigestAtTheIndexAndListsEveryPlatform() {
    SizeReport one = Reports.minimal();
    SizeReport all = one.withPlatforms("sha256:index", List.of(one));
    assertEquals("sha256:index", all.digest());
    assertEquals(List.of(new SizeReport.PlatformRow("linux/amd64", Reports.DIGEST, 5_002_300, 15_005_400)),
        all.platforms());
    assertEquals(one.layers(), all.layers());
  }

  @Test
  void reductionIsNegativeWhenTheImageIsLargerThanTheBaseline() {
    SizeReport larger = Reports.against(1_000_000);
    assertTrue(larger.reduction().getAsDouble() < 0);
    assertEquals(Optional.of("5.0 MB vs 1.0 MB single-stage (+399%)"), larger.comparison());
  }

  @Test
  void withoutAMeasuredBaselineThereIsNoReduction() {
    assertTrue(Reports.minimal().reduction().isEmpty());
    assertTrue(Reports.unavailableBaseline().reduction().isEmpty());
    assertEquals(Optional.empty(), Reports.minimal().comparison());
  }

  @Test
  void theLayerDigestsOfAWrittenReportReadBack() throws IOException {
    Reports.full().writeTo(dir);
    assertEquals(Set.of("sha256:b" + "0".repeat(63), "sha256:r" + "0".repeat(63), "sha256:c" + "0".repeat(63)),
        SizeReport.layerDigestsOf(dir.resolve("report.json")));
  }

  @Test
  void aMissingOrBrokenEarlierReportMeansNothingIsReused() throws IOException {
    assertEquals(Set.of(), SizeReport.layerDigestsOf(dir.resolve("report.json")));
    Files.writeString(dir.resolve("report.json"), "{ not json");
    assertEquals(Set.of(), SizeReport.layerDigestsOf(dir.resolve("report.json")));
  }

  @Test
  void writeToWritesTheThreeFilesEachRendererMakes() throws IOException {
    SizeReport report = Reports.full();
    report.writeTo(dir);
    assertEquals(MarkdownReport.render(report), Files.readString(dir.resolve("report.md")));
    assertEquals(HtmlReport.render(report), Files.readString(dir.resolve("report.html")));
    assertEquals(new String(JsonReport.bytes(report), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("report.json")));
  }
}
