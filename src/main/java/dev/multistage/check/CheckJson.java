package dev.multistage.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.report.JsonReport;
import java.io.IOException;

/** {@code check.json}: the subject, the policy, every finding with its rule, severity, fix and suppression. */
final class CheckJson {
  /** Indented, as every JSON file the plugin writes. */
  static final ObjectMapper MAPPER = JsonReport.MAPPER;

  private CheckJson() {}

  static byte[] bytes(CheckReport r) throws IOException {
    return MAPPER.writeValueAsBytes(render(r));
  }

  static ObjectNode render(CheckReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("subject", r.subject());
    ArrayNode images = root.putArray("images");
    r.images().forEach(i -> {
      ObjectNode image = images.addObject().put("platform", i.platform());
      i.digest().ifPresentOrElse(d -> image.put("digest", d), () -> image.putNull("digest"));
    });
    root.put("passed", r.passed());
    root.put("failOn", r.policy().failOn().map(Severity::id).orElse(Severity.NONE));
    ArrayNode skipped = root.putArray("skipped");
    r.policy().skip().stream().sorted().forEach(rule -> skipped.add(rule.id()));
    ObjectNode counts = root.putObject("counts");
    r.counts().forEach((severity, n) -> counts.put(severity.id(), n));
    ArrayNode findings = root.putArray("findings");
    for (CheckReport.Row row : r.rows()) {
      ObjectNode f = findings.addObject().put("rule", row.rule().id()).put("severity", row.rule().severity().id())
          .put("platform", row.platform()).put("location", row.finding().location())
          .put("message", row.finding().message()).put("fix", row.rule().fix())
          .put("fails", r.policy().fails(row.finding()));
      row.suppressed().ifPresentOrElse(reason -> f.putObject("suppressed").put("reason", reason),
          () -> f.putNull("suppressed"));
    }
    return root;
  }
}
