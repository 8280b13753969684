package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.image.Digests;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.ManifestFormat;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.Requirements;
import dev.multistage.testing.RuncRun;
import dev.multistage.testing.StandInBases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuildTest {
  /** Short, for the tests of an unreachable registry: what they check is the message, not the wait. */
  private Duration retryBudget = RegistryOptions.DEFAULT_RETRY_BUDGET;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBE = "dev.multistage.probe.HealthProbe";

  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();

  @Test
  void sameInputsGiveTheSameImageDigest() throws IOException {
    BaseSource base = distroless();
    Path cache = dir.resolve("cache");
    // two checkouts compiled separately: different paths and mtimes, same content
    PlanDraft first = new PlanDraft(base, TinyWebApp.compile(dir.resolve("checkout-1"), "Hello"), dir.resolve("a"),
        cache);
    PlanDraft second = new PlanDraft(base, TinyWebApp.compile(dir.resolve("checkout-2"), "Hello"), dir.resolve("b"),
        cache);

    Path one = build(first).outputDirectory();
    Path two = build(second).outputDirectory();

    String digest = Files.readString(one.resolve("image-digest"));
    assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
    assertEquals(digest, Files.readString(two.resolve("image-digest")));
    assertEquals(Files.readString(one.resolve("image-id")), Files.readString(two.resolve("image-id")));
    assertEquals(-1L, Files.mismatch(one.resolve("image.tar"), two.resolve("image.tar")),
        "image.tar differs between two builds of the same inputs");
  }

  @Test
  void imageRunsAsUid1001WithAWorkingHealthcheckOnABaseWithoutShell() throws IOException {
    Requirements.assumeRootAndRunc();
    PlanDraft draft = draft(distroless(), "Hello");
    draft.port = RuncRun.freePort();

    List<String> test = assertRunsAsUid1001AndPassesItsHealthcheck(draft);

    assertEquals(List.of("CMD", "/opt/java/openjdk/bin/java"), test.subList(0, 2), test::toString);
    assertTrue(test.contains(PROBE), test::toString);
  }

  @Test
  void imageRunsAsUid1001WithAWorkingHealthcheckOnABusyboxBaseWithWget() throws IOException {
    Requirements.assumeRootAndRunc();
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      String digest = StandInBases.pushTo("jre-busybox", registry.hostPort(), "base/jre-busybox:17");
      BaseSource base = BaseSource.parse(registry.hostPort() + "/base/jre-busybox:17@" + digest, "runtimeImage", dir);
      PlanDraft draft = draft(base, "Hello");
      draft.allowInsecureRegistries = true;
      draft.port = RuncRun.freePort();

      List<String> test = assertRunsAsUid1001AndPassesItsHealthcheck(draft);

      assertEquals(List.of("CMD", "/usr/bin/wget"), test.subList(0, 2), test::toString);
      assertFalse(test.contains(PROBE), test::toString);
    }
  }

  @Nested
  class BadInputFailsNamingTheParameterAndLeavesNoOutputs {

    @Test
    void tagOnlyRegistryBaseWhenPinnedBasesAreRequired() {
      try (LoopbackRegistry registry = LoopbackRegistry.start()) {
        String digest = StandInBases.pushTo("jre-busybox", registry.hostPort(), "base/jre-busybox:17");
        PlanDraft draft = draft(BaseSource.parse(registry.hostPort() + "/base/jre-busybox:17", "runtimeImage", dir),
            "Hello");
        draft.allowInsecureRegistries = true;

        String message = failsLeavingNoOutputs(draft);

        assertTrue(message.contains("<runtimeImage>"), message);
        assertTrue(message.contains("not pinned"), message);
        assertTrue(message.contains(registry.hostPort() + "/base/jre-busybox:17@" + digest), message);
      }
    }

    @Test
    void unreachableRegistry() throws IOException {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closedPort = socket.getLocalPort();
      }
      String host = "127.0.0.1:" + closedPort;
      PlanDraft draft = draft(BaseSource.parse(host + "/base/jre:17@sha256:" + "0".repeat(64), "runtimeImage", dir),
          "Hello");
      retryBudget = Duration.ofSeconds(1);

      // a registry that does not answer is the world's failure, not the user's: a build error, same outputs rule
      String message = failsLeavingNoOutputs(draft, dev.multistage.plan.UnavailableException.class);

      assertTrue(message.contains("<runtimeImage>"), message);
      assertTrue(message.contains(host), message);
      assertTrue(message.contains("allowInsecureRegistries"), message);
    }

    @Test
    void missingTarBase() {
      Path missing = dir.resolve("bases/missing.tar");
      String message = failsLeavingNoOutputs(draft(BaseSource.parse("tar:" + missing, "runtimeImage", dir), "Hello"));

      assertTrue(message.contains("<runtimeImage>"), message);
      assertTrue(message.contains(missing.toString()), message);
    }

    @Test
    void missingOciLayoutBase() {
      Path missing = dir.resolve("bases/missing-layout");
      String message = failsLeavingNoOutputs(draft(BaseSource.parse("oci:" + missing, "runtimeImage", dir), "Hello"));

      assertTrue(message.contains("<runtimeImage>"), message);
      assertTrue(message.contains(missing.toString()), message);
    }

    @Test
    void baseWithoutTheRequestedPlatform() throws IOException {
      Path arm64 = dev.multistage.testing.OciLayouts.arm64CopyOf(StandInBases.ociLayout("jre-distroless"), dir.resolve("bases/arm64"));
      String message = failsLeavingNoOutputs(draft(BaseSource.parse("oci:" + arm64, "runtimeImage", dir), "Hello"));

      assertTrue(message.contains("<runtimeImage>"), message);
      assertTrue(message.contains("linux/amd64"), message);
      assertTrue(message.contains("linux/arm64"), message);
    }

    private String failsLeavingNoOutputs(PlanDraft draft) {
      return failsLeavingNoOutputs(draft, InvalidParameterException.class);
    }

    private String failsLeavingNoOutputs(PlanDraft draft, Class<? extends RuntimeException> failure) {
      RuntimeException e = assertThrows(failure, () -> build(draft));
      Path out = draft.outputDirectory();
      assertTrue(!Files.exists(out) || list(out).isEmpty(), () -> out + " holds " + list(out));
      if (Files.exists(out.getParent())) {
        List<String> staging = list(out.getParent()).stream()
            .filter(name -> name.startsWith(".multistage.staging-")).toList();
        assertEquals(List.of(), staging, "staging directories left beside " + out);
      }
      return e.getMessage();
    }
  }

  @Test
  void rebuildWithoutChangesMarksEveryLayerReused() throws IOException {
    PlanDraft draft = draft(distroless(), "Hello");
    Map<String, Boolean> first = reusedByLayer(build(draft).outputDirectory());
    assertFalse(first.containsValue(true), () -> "a first build reuses nothing: " + first);

    Map<String, Boolean> second = reusedByLayer(build(draft).outputDirectory());

    assertEquals(List.of("base#0", "user#1", "probe#2", "dependencies#3", "resources#4", "classes#5"),
        List.copyOf(second.keySet()));
    assertFalse(second.containsValue(false), second::toString);
  }

  @Test
  void changingOneClassMarksOnlyTheClassesLayerNew() throws IOException {
    PlanDraft draft = draft(distroless(), "Hello");
    build(draft);

    draft.app.recompile("Bonjour");
    Map<String, Boolean> rebuilt = reusedByLayer(build(draft).outputDirectory());

    Map<String, Boolean> expected = new LinkedHashMap<>();
    for (String layer : rebuilt.keySet()) {
      expected.put(layer, !layer.startsWith("classes#"));
    }
    assertEquals(expected, rebuilt);
  }

  @Test
  void ociFormatWritesAnOciArchiveAndWarnsThatTheHealthcheckIsDropped() throws IOException {
    PlanDraft draft = draft(distroless(), "Hello");
    draft.format = ManifestFormat.OCI;

    Path out = build(draft).outputDirectory();

    ImageArchive archive = ImageArchive.read(out.resolve("image.tar"));
    assertEquals("1.0.0", archive.json("oci-layout").path("imageLayoutVersion").asText());
    JsonNode manifest = archive.json("index.json").path("manifests").path(0);
    assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.path("mediaType").asText());
    assertEquals(Files.readString(out.resolve("image-digest")), manifest.path("digest").asText());
    assertFalse(archive.has("manifest.json"), "an OCI archive is not a docker-archive");
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("HEALTHCHECK") && warnings.get(0).contains("format=docker"),
        warnings.get(0));
  }

  /** Builds, runs the image under runc and returns its HEALTHCHECK test, which probes the app's /health. */
  private List<String> assertRunsAsUid1001AndPassesItsHealthcheck(PlanDraft draft) throws IOException {
    Path tar = build(draft).outputDirectory().resolve("image.tar");
    List<String> test = ImageArchive.read(tar).healthcheckTest();
    assertTrue(test.get(test.size() - 1).matches("http://(localhost|127\\.0\\.0\\.1):" + draft.port + "/health"),
        test::toString);
    String run = RuncRun.run(tar, draft.port, "/health", 1001);
    assertTrue(run.contains("ok: uid 1001") && run.contains("ok: healthcheck exit 0"), run);
    return test;
  }

  private PlanDraft draft(BaseSource base, String greeting) {
    return new PlanDraft(base, TinyWebApp.compile(dir.resolve("checkout"), greeting), dir.resolve("project"),
        dir.resolve("cache"));
  }

  private ImageBuild.Result build(PlanDraft draft) throws IOException {
    RegistryOptions options = RegistryOptions.defaults().withAllowInsecure(draft.allowInsecureRegistries)
        .withRetryBudget(retryBudget);
    return new ImageBuild(draft.plan(), options, info -> {}, warnings::add).run();
  }

  private BaseSource distroless() {
    return BaseSource.parse("oci:" + StandInBases.ociLayout("jre-distroless"), "runtimeImage", dir);
  }

  /** {@code name#position} of each layer in report.json, in order, to whether it is marked reused. */
  private static Map<String, Boolean> reusedByLayer(Path outputDirectory) throws IOException {
    Map<String, Boolean> reused = new LinkedHashMap<>();
    JsonNode layers = JSON.readTree(outputDirectory.resolve("report.json").toFile()).path("layers");
    for (int i = 0; i < layers.size(); i++) {
      JsonNode layer = layers.get(i);
      assertTrue(layer.path("reused").isBoolean(), layer::toString);
      reused.put(layer.path("name").asText() + "#" + i, layer.path("reused").asBoolean());
    }
    return reused;
  }

  private static List<String> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
