package dev.multistage.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.Platform;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageConfigTest {

  private static ImageConfig parse(String json) {
    return ImageConfig.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bytesAreCanonicalSoKeyOrderAndSpacingDoNotChangeTheDigest() {
    ImageConfig a = parse("{\"os\":\"linux\", \"architecture\":\"amd64\", \"config\":{\"User\":\"1\",\"Env\":[]}}");
    ImageConfig b = parse("{\"config\":{\"Env\":[],\"User\":\"1\"},\"architecture\":\"amd64\",\"os\":\"linux\"}");
    assertEquals("{\"architecture\":\"amd64\",\"config\":{\"Env\":[],\"User\":\"1\"},\"os\":\"linux\"}",
        new String(a.toBytes(), StandardCharsets.UTF_8));
    assertArrayEquals(a.toBytes(), b.toBytes());
  }

  @Test
  void fieldsThisCodeDoesNotKnowSurviveAnEdit() {
    ImageConfig edited = parse("{\"config\":{\"StopSignal\":\"SIGTERM\"},\"author\":\"base\"}").withUser("1001");
    assertEquals("SIGTERM", edited.json().path("config").path("StopSignal").asText());
    assertEquals("base", edited.json().path("author").asText());
    assertEquals(Optional.of("1001"), edited.user());
  }

  @Test
  void anEditReturnsANewConfigAndLeavesTheOriginalAlone() {
    ImageConfig base = ImageConfig.empty(Platform.LINUX_AMD64);
    ImageConfig edited = base.withWorkingDir("/app").withLabels(Map.of("a", "1"));
    assertEquals(Optional.empty(), base.workingDir());
    assertEquals(Map.of(), base.labels());
    assertEquals(Optional.of("/app"), edited.workingDir());
  }

  @Test
  void environmentReadsNameValuePairsInOrderWithEqualsSignsInValues() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/bin");
    env.put("OPTS", "-Da=b");
    ImageConfig config = ImageConfig.empty(Platform.LINUX_AMD64).withEnv(env);
    assertEquals(List.of("PATH", "OPTS"), List.copyOf(config.env().keySet()));
    assertEquals("-Da=b", config.env().get("OPTS"));
    assertEquals(Map.of("BARE", ""), parse("{\"config\":{\"Env\":[\"BARE\"]}}").env());
  }

  @Test
  void anEmptyCmdIsWrittenAsNullSoTheBasesCmdIsNotKept() {
    ImageConfig config = parse("{\"config\":{\"Cmd\":[\"sh\"]}}").withEntrypoint(List.of("java", "-jar"), List.of());
    assertEquals(List.of("java", "-jar"), config.entrypoint());
    assertTrue(config.json().path("config").path("Cmd").isNull());
    assertEquals(List.of(), config.cmd());
  }

  @Test
  void volumesAddToTheBasesAndLabelsReplaceOnesWithTheSameKey() {
    ImageConfig base = parse("{\"config\":{\"Volumes\":{\"/base\":{}},\"Labels\":{\"a\":\"base\",\"b\":\"base\"}}}");
    ImageConfig config = base.withVolumes(List.of("/data")).withLabels(Map.of("a", "mine"));
    assertEquals(List.of("/base", "/data"), config.volumes());
    assertEquals(Map.of("a", "mine", "b", "base"), config.labels());
    assertSame(base, base.withVolumes(List.of()), "no volumes is no edit");
  }

  @Test
  void portsAreSortedAsTcp() {
    assertEquals(List.of("80/tcp", "8080/tcp"),
        ImageConfig.empty(Platform.LINUX_AMD64).withExposedPorts(List.of(8080, 80)).exposedPorts());
  }

  @Test
  void aHealthcheckIsInNanosecondsAsDockerReadsIt() {
    ImageConfig config = ImageConfig.empty(Platform.LINUX_AMD64).withHealthcheck(List.of("CMD", "/probe"),
        Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(10), 3);
    assertEquals(List.of("CMD", "/probe"), config.healthcheckTest());
    assertEquals(30_000_000_000L, config.healthcheck().path("Interval").asLong());
    assertEquals(3, config.healthcheck().path("Retries").asInt());
    assertTrue(config.withoutHealthcheck().healthcheck().isMissingNode());
  }

  @Test
  void eachLayerAddsItsDiffIdAndAHistoryEntry() {
    ImageConfig config = ImageConfig.empty(Platform.LINUX_AMD64)
        .withLayer("sha256:1", "base", Instant.EPOCH).withLayer("sha256:2", "classes", Instant.EPOCH);
    assertEquals(List.of("sha256:1", "sha256:2"), config.diffIds());
    assertEquals("classes", config.json().path("history").get(1).path("created_by").asText());
    assertEquals("layers", config.json().path("rootfs").path("type").asText());
  }

  @Test
  void aPlatformWithoutVariantDropsTheBasesVariant() {
    ImageConfig arm = parse("{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}");
    ImageConfig amd = arm.withPlatform(Platform.LINUX_AMD64);
    assertEquals(Optional.of("amd64"), amd.architecture());
    assertFalse(amd.json().has("variant"));
  }

  @Test
  void somethingOtherThanAJsonObjectIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> parse("[1,2]"));
    assertThrows(UncheckedIOException.class, () -> parse("{not json"));
  }
}
