package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckReportTest {
  @TempDir Path dir;

  @Test
  void onlyUnsuppressedFindingsAtFailOnOrAboveFail() {
    CheckReport report = CheckReports.mixed();

    assertEquals(List.of(Rule.BUILD_TOOLS), report.failing().stream().map(CheckReport.Row::rule).toList());
    assertFalse(report.passed());
    assertTrue(CheckReports.clean().passed());
  }

  @Test
  void theSummaryCountsOpenFindingsBySeverityAndSaysWhatFails() {
    assertEquals("2 findings (1 high, 1 medium), 1 suppressed; fails on high and above",
        CheckReports.mixed().summary());
    assertEquals("0 findings; fails on high and above", CheckReports.clean().summary());
  }

  @Test
  void theFailureMessageListsEachFailingFindingWithItsFixAndHowToAcceptOne() {
    String message = CheckReports.mixed().failureMessage();

    assertTrue(message.startsWith("multistage check: example.com/shop:1.0 breaks 1 rule at high or above:\n"
        + "  [high] build-tools: javac in /opt/java/openjdk/bin: build tools have no place in the runtime image. Fix: "
        + "leave the builder's tools in the builder stage"), message);
    assertFalse(message.contains("world-writable") || message.contains("setuid-file"), message);
    assertTrue(message.contains("<suppression><rule>id</rule><reason>why</reason></suppression>"), message);
  }

  @Test
  void checkJsonHoldsThePolicyAndEveryFindingWithItsSuppression() throws Exception {
    CheckReports.mixed().writeTo(dir, "1.2.3", "pom.xml");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("check.json").toFile());

    assertFalse(json.path("passed").asBoolean());
    assertEquals("high", json.path("failOn").asText());
    assertEquals("package-cache", json.path("skipped").path(0).asText());
    assertEquals(2, json.path("images").size());
    assertEquals(1, json.path("counts").path("high").asInt());
    JsonNode setuid = json.path("findings").path(2);
    assertEquals("setuid-file", setuid.path("rule").asText());
    assertEquals("runs with no-new-privileges", setuid.path("suppressed").path("reason").asText());
    assertFalse(setuid.path("fails").asBoolean());
    assertTrue(json.path("findings").path(0).path("fails").asBoolean());
    assertTrue(json.path("findings").path(0).path("suppressed").isNull());
  }

  @Test
  void writingReplacesTheFilesWholeAndForgettingRemovesThem() throws Exception {
    CheckReports.mixed().writeTo(dir, "1.2.3", "pom.xml");
    CheckReports.clean().writeTo(dir, "1.2.3", "pom.xml");

    assertTrue(new ObjectMapper().readTree(dir.resolve("check.json").toFile()).path("passed").asBoolean());
    try (var files = Files.list(dir)) {
      assertEquals(List.of("check.json", "check.sarif"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temp file left");
    }
    CheckReport.forget(dir);
    assertFalse(Files.exists(dir.resolve("check.json")) || Files.exists(dir.resolve("check.sarif")));
  }

  @Test
  void theConsoleTableShowsTheMostSevereFirstWithWhatFailsAndWhatIsSuppressed() {
    List<String> lines = CheckReports.mixed().consoleLines();

    assertEquals(List.of(
        "multistage check: example.com/shop:1.0 (linux/amd64, linux/arm64): 2 findings (1 high, 1 medium), "
            + "1 suppressed; fails on high and above",
        "              severity  rule            platform     finding",
        "  FAIL        high      build-tools     linux/amd64  javac in /opt/java/openjdk/bin: build tools have no "
            + "place in the runtime image.",
        "  suppressed  high      setuid-file     linux/amd64  /usr/bin/su is setuid (runs as uid 0), mode 4755. "
            + "(suppressed: runs with no-new-privileges)",
        "              medium    world-writable  linux/arm64  /srv/uploads (directory, mode 0777) is writable by any "
            + "user.",
        "multistage check: FAILED — rules, fixes and suppressions: docs/check.md"), lines);
  }
}
