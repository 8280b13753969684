package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OciLabelsTest {
  private static final String OCI = "org.opencontainers.image.";

  @Test
  void aBarePomGivesTheArtifactIdAsTitleAndTheVersion() {
    OciLabels.Project bare = new OciLabels.Project(Optional.empty(), "shop", "1.0", Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    assertEquals(Map.of(OCI + "title", "shop", OCI + "version", "1.0"), OciLabels.of(bare));
  }

  @Test
  void aFullPomFillsEveryLabelAlwaysInTheSameOrder() {
    OciLabels.Project full = new OciLabels.Project(Optional.of("Shop"), "shop", "1.0",
        Optional.of("  The shop,\n      served over HTTP.  "), Optional.of("0123abc"),
        Optional.of("https://github.com/acme/shop"), Optional.of("https://shop.acme.com"),
        List.of("Apache-2.0", "MIT"), Optional.of("ACME"));

    Map<String, String> labels = OciLabels.of(full);

    assertEquals(List.of("title", "version", "description", "revision", "source", "url", "licenses", "vendor"),
        labels.keySet().stream().map(k -> k.substring(OCI.length())).toList());
    assertEquals("Shop", labels.get(OCI + "title"));
    assertEquals("The shop, served over HTTP.", labels.get(OCI + "description"), "one line, as the pom wraps it");
    assertEquals("Apache-2.0 AND MIT", labels.get(OCI + "licenses"), "an SPDX expression");
    assertEquals("0123abc", labels.get(OCI + "revision"));
  }

  @Test
  void aBlankDescriptionIsLeftOut() {
    OciLabels.Project blank = new OciLabels.Project(Optional.empty(), "shop", "1.0", Optional.of(" \n "),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    assertEquals(2, OciLabels.of(blank).size());
  }
}
