package dev.multistage.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.image.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code check.sarif}: the findings as a SARIF 2.1.0 log, so code-scanning UIs (GitHub's upload-sarif) list them.
 * Every rule that ran is in the tool's rules with its fix as help; a result's physical location is the pom that
 * configures the check (a file the repository has), the path in the image its logical location.
 */
final class CheckSarif {
  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  private static final String INFORMATION =
      "https://github.com/multistage/multistage-maven-plugin/blob/main/docs/check.md";

  private CheckSarif() {}

  /**
   * @param toolVersion the plugin's version
   * @param sourceUri the pom that configures the check, relative to the repository root ({@code pom.xml})
   */
  static byte[] bytes(CheckReport r, String toolVersion, String sourceUri) throws IOException {
    return CheckJson.MAPPER.writeValueAsBytes(render(r, toolVersion, sourceUri));
  }

  static ObjectNode render(CheckReport r, String toolVersion, String sourceUri) {
    ObjectNode log = CheckJson.MAPPER.createObjectNode();
    log.put("$schema", SCHEMA).put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "multistage-maven-plugin").put("version", toolVersion).put("informationUri", INFORMATION);
    List<Rule> ran = Arrays.stream(Rule.values()).filter(rule -> !r.policy().skip().contains(rule)).toList();
    ArrayNode rules = driver.putArray("rules");
    for (Rule rule : ran) {
      ObjectNode d = rules.addObject().put("id", rule.id()).put("name", rule.name());
      d.putObject("shortDescription").put("text", rule.description());
      d.putObject("help").put("text", "Fix: " + rule.fix());
      d.put("helpUri", INFORMATION + "#" + rule.id());
      d.putObject("defaultConfiguration").put("level", rule.severity().sarifLevel());
      ObjectNode properties = d.putObject("properties");
      properties.put("security-severity", rule.severity().securityScore());
      properties.putArray("tags").add("security").add("container");
    }
    ArrayNode results = run.putArray("results");
    for (CheckReport.Row row : r.rows()) {
      ObjectNode result = results.addObject().put("ruleId", row.rule().id())
          .put("ruleIndex", ran.indexOf(row.rule())).put("level", row.rule().severity().sarifLevel());
      result.putObject("message").put("text", row.finding().message() + " Fix: " + row.rule().fix());
      ObjectNode location = result.putArray("locations").addObject();
      location.putObject("physicalLocation").putObject("artifactLocation").put("uri", sourceUri);
      location.putArray("logicalLocations").addObject().put("name", row.finding().location())
          .put("fullyQualifiedName", r.subject() + " " + row.platform() + " " + row.finding().location())
          .put("kind", "resource");
      result.putObject("partialFingerprints").put("multistageFinding/v1", fingerprint(r, row));
      row.suppressed().ifPresent(reason -> result.putArray("suppressions").addObject().put("kind", "external")
          .put("justification", reason));
      result.putObject("properties").put("severity", row.rule().severity().id()).put("platform", row.platform())
          .put("image", r.subject());
    }
    return log;
  }

  /** Stable across builds of the same finding, so code scanning tracks it instead of opening a new alert. */
  private static String fingerprint(CheckReport r, CheckReport.Row row) {
    String key = r.subject().replaceAll(":[^/:@]*$", "") + "|" + row.platform() + "|" + row.rule().id() + "|"
        + row.finding().location();
    return Digests.of(key.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
  }
}
