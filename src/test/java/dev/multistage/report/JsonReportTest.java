package dev.multistage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  @Test
  void reductionIsRoundedToFourDecimals() {
    // 1 - 21,302,300 / 140,001,800 = 0.847843…
    assertEquals(0.8478, JsonReport.render(Reports.full()).path("reduction").asDouble());
  }

  @Test
  void withoutABaselineTheBaselineAndReductionAreNull() {
    JsonNode json = JsonReport.render(Reports.minimal());
    assertTrue(json.path("baseline").isNull());
    assertTrue(json.path("reduction").isNull());
    assertTrue(json.path("runtime").isNull(), "no runtime was linked");
    assertTrue(json.path("bases").path("builder").isNull(), "no builder image was used");
    assertFalse(json.has("platforms"), "a single-platform build lists no platforms");
  }

  @Test
  void anUnreadableBaselineSaysWhyAndHasNoSizes() {
    JsonNode baseline = JsonReport.render(Reports.unavailableBaseline()).path("baseline");
    assertFalse(baseline.path("available").asBoolean());
    assertEquals("registry.example: connection refused", baseline.path("reason").asText());
    assertTrue(baseline.path("compressedBytes").isNull() && baseline.path("uncompressedBytes").isNull());
  }

  @Test
  void aRegistryBaselineHasCompressedSizesOnly() {
    JsonNode baseline = JsonReport.render(Reports.full()).path("baseline");
    assertEquals(140_001_800, baseline.path("compressedBytes").asLong());
    assertEquals(140_000_000, baseline.path("baseCompressedBytes").asLong());
    assertTrue(baseline.path("uncompressedBytes").isNull() && baseline.path("baseUncompressedBytes").isNull());
  }

  @Test
  void layersKeepTheirOrderDigestsAndReuse() {
    JsonNode layers = JsonReport.render(Reports.full()).path("layers");
    assertEquals(3, layers.size());
    assertEquals("base", layers.get(0).path("name").asText());
    assertTrue(layers.get(0).path("reused").asBoolean());
    assertEquals("sha256:r" + "0".repeat(63), layers.get(1).path("digest").asText());
    assertFalse(layers.get(2).path("reused").asBoolean());
  }

  @Test
  void eachPlatformHasItsManifestDigestAndTheImageDigestIsTheIndex() {
    JsonNode json = JsonReport.render(Reports.full());
    assertEquals("sha256:" + "f".repeat(64), json.path("image").path("digest").asText());
    assertEquals("linux/arm64", json.path("platforms").get(1).path("platform").asText());
    assertEquals("sha256:" + "e".repeat(64), json.path("platforms").get(1).path("digest").asText());
  }
}
