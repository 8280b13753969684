package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/check.md lists every rule with the severity it has, and explains each under a heading its SARIF link finds. */
class CheckDocsTest {

  @Test
  void everyRuleIsInTheTableWithItsSeverityAndHasItsOwnSection() throws Exception {
    String docs = Files.readString(Path.of(System.getenv().getOrDefault("MULTISTAGE_PROJECT_DIR", "."),
        "docs/check.md"));
    for (Rule rule : Rule.values()) {
      assertTrue(docs.contains("\n| `" + rule.id() + "` | " + rule.severity().id() + " | "),
          () -> rule.id() + " is not in the rules table with severity " + rule.severity().id());
      assertTrue(docs.contains("\n### " + rule.id() + "\n"), () -> rule.id() + " has no section");
    }
  }
}
