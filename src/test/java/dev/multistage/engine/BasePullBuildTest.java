package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.PullPlan;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.StandInBases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole builds whose runtime base comes through a mirror, or offline from the cache: the stand-in busybox JRE base
 * in real loopback registries that are stopped to play "down".
 */
class BasePullBuildTest {
  private static final String BASE = "base/jre-busybox:17";

  @TempDir Path dir;

  private final List<String> infos = new ArrayList<>();

  @Test
  void mirrorServesTheBaseWhileTheOriginIsDownAndTheImageIsTheSame() throws IOException {
    String fromOrigin;
    String origin;
    String digest;
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      origin = registry.hostPort();
      digest = StandInBases.pushTo("jre-busybox", origin, BASE);
      fromOrigin = imageDigest(build(draft(origin, digest, "origin-cache", PullPlan.direct())));
    }
    try (LoopbackRegistry mirror = LoopbackRegistry.start()) {
      assertEquals(digest, StandInBases.pushTo("jre-busybox", mirror.hostPort(), BASE));
      PlanDraft draft = draft(origin, digest, "mirror-cache",
          new PullPlan(Map.of(origin, List.of(mirror.hostPort())), false));

      String fromMirror = imageDigest(build(draft));

      assertEquals(fromOrigin, fromMirror, "the base's name stays the origin's, so the image is the same");
      assertTrue(infos.contains("Base " + origin + "/" + BASE + "@" + digest + " from mirror " + mirror.hostPort()
          + " of " + origin + "."), infos::toString);
    }
  }

  @Test
  void mirrorAnswering404IsSkippedAndTheOriginServesTheBase() throws IOException {
    try (LoopbackRegistry registry = LoopbackRegistry.start(); LoopbackRegistry empty = LoopbackRegistry.start()) {
      String digest = StandInBases.pushTo("jre-busybox", registry.hostPort(), BASE);
      PlanDraft draft = draft(registry.hostPort(), digest, "cache",
          new PullPlan(Map.of(registry.hostPort(), List.of(empty.hostPort())), false));

      build(draft);

      String ref = registry.hostPort() + "/" + BASE + "@" + digest;
      assertTrue(infos.contains("Mirror " + empty.hostPort() + " of " + registry.hostPort() + " could not serve "
          + ref + " (" + ref + " was not found (manifest unknown)); trying the next source."), infos::toString);
      assertTrue(infos.contains("Base " + ref + " from registry " + registry.hostPort() + "."), infos::toString);
    }
  }

  @Test
  void offlineRebuildFromTheCacheAloneGivesTheSameImageDigest() throws IOException {
    PlanDraft draft;
    String online;
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      String digest = StandInBases.pushTo("jre-busybox", registry.hostPort(), BASE);
      draft = draft(registry.hostPort(), digest, "cache", PullPlan.direct());
      online = imageDigest(build(draft));
    }
    draft.pulls = PullPlan.direct().withOffline(true);
    Files.delete(draft.outputDirectory().resolve("image-digest"));

    String offline = imageDigest(build(draft));

    assertEquals(online, offline);
  }

  @Test
  void offlineWithAnEmptyCacheFailsNamingTheBaseAndLeavesNoOutputs() {
    String ref = "127.0.0.1:9/" + BASE + "@sha256:" + "0".repeat(64);
    PlanDraft draft = new PlanDraft(BaseSource.parse(ref, "runtimeImage", dir),
        TinyWebApp.compile(dir.resolve("checkout"), "Hello"), dir.resolve("project"), dir.resolve("empty-cache"));
    draft.pulls = PullPlan.direct().withOffline(true);

    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> build(draft));

    assertEquals("runtimeImage", e.parameter());
    assertTrue(e.getMessage().contains("Maven is offline (-o), and " + ref + " is not complete in the local base "
        + "cache"), e.getMessage());
    assertEquals("run the build once online (without -o) to fill the cache, then build offline.", e.fix());
    assertFalse(Files.exists(draft.outputDirectory()), "no outputs after a failure");
  }

  private PlanDraft draft(String registry, String digest, String cache, PullPlan pulls) {
    PlanDraft draft = new PlanDraft(BaseSource.parse(registry + "/" + BASE + "@" + digest, "runtimeImage", dir),
        TinyWebApp.compile(dir.resolve("checkout"), "Hello"), dir.resolve("project-" + cache), dir.resolve(cache));
    draft.allowInsecureRegistries = true;
    draft.pulls = pulls;
    return draft;
  }

  private ImageBuild.Result build(PlanDraft draft) throws IOException {
    return new ImageBuild(draft.plan(), RegistryOptions.defaults().withLogs(infos::add, m -> {}), infos::add,
        warning -> {}).run();
  }

  private static String imageDigest(ImageBuild.Result result) throws IOException {
    return Files.readString(result.outputDirectory().resolve("image-digest"));
  }
}
