package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check.sarif against the official SARIF 2.1.0 schema (OASIS, with errata 01), shipped in the test resources. */
class CheckSarifTest {
  private static Schema sarif;

  @TempDir Path dir;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in = CheckSarifTest.class.getResourceAsStream("sarif-schema-2.1.0.json")) {
      sarif = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    }
  }

  private static List<Error> errors(String json) {
    return sarif.validate(json, InputFormat.JSON);
  }

  @Test
  void theWrittenFileValidatesAgainstTheSarif210Schema() throws Exception {
    CheckReports.mixed().writeTo(dir, "0.1.0-SNAPSHOT", "shop/pom.xml");

    assertEquals(List.of(), errors(Files.readString(dir.resolve("check.sarif"), StandardCharsets.UTF_8)));
  }

  @Test
  void aLogWithoutResultsValidatesToo() throws Exception {
    assertEquals(List.of(), errors(CheckSarif.render(CheckReports.clean(), "1", "pom.xml").toString()));
  }

  @Test
  void theSchemaCatchesWhatIsNotSarif() {
    ObjectNode broken = CheckSarif.render(CheckReports.mixed(), "1", "pom.xml");
    ((ObjectNode) broken.path("runs").path(0).path("results").path(0)).put("level", "fatal");

    assertFalse(errors(broken.toString()).isEmpty(), "a level outside none/note/warning/error must not validate");
  }

  @Test
  void everyResultPointsAtItsRuleWithLevelSeverityAndSuppression() {
    JsonNode run = CheckSarif.render(CheckReports.mixed(), "1", "shop/pom.xml").path("runs").path(0);
    JsonNode rules = run.path("tool").path("driver").path("rules");
    JsonNode results = run.path("results");

    assertEquals(Rule.values().length - 1, rules.size(), "the skipped rule is not listed");
    for (JsonNode result : results) {
      assertEquals(result.path("ruleId").asText(), rules.path(result.path("ruleIndex").asInt()).path("id").asText());
      assertEquals("shop/pom.xml", result.path("locations").path(0).path("physicalLocation")
          .path("artifactLocation").path("uri").asText());
    }
    assertEquals("error", results.path(0).path("level").asText());
    assertEquals("warning", results.path(1).path("level").asText());
    assertEquals("runs with no-new-privileges", results.path(2).path("suppressions").path(0)
        .path("justification").asText());
    assertTrue(results.path(0).path("suppressions").isMissingNode());
    assertEquals("/opt/java/openjdk/bin", results.path(0).path("locations").path(0).path("logicalLocations").path(0)
        .path("name").asText());
  }

  @Test
  void rulesCarrySecuritySeverityForCodeScanning() {
    JsonNode rules = CheckSarif.render(CheckReports.clean(), "1", "pom.xml").path("runs").path(0).path("tool")
        .path("driver").path("rules");
    for (JsonNode rule : rules) {
      Severity severity = Rule.byId(rule.path("id").asText()).orElseThrow().severity();
      assertEquals(severity.securityScore(), rule.path("properties").path("security-severity").asText());
      assertTrue(rule.path("help").path("text").asText().startsWith("Fix: "));
    }
  }
}
