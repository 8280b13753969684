package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.Platform;
import dev.multistage.plan.Target;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.OciLayouts;
import dev.multistage.testing.Processes;
import dev.multistage.testing.Requirements;
import dev.multistage.testing.StandInBases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** platforms=linux/amd64,linux/arm64: one image per platform from the base's matching entry, pushed as a list. */
class MultiPlatformTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void twoPlatformsArePushedAsAManifestListThatSkopeoReads() throws IOException {
    Requirements.assumeTools("skopeo");
    Path base = OciLayouts.amd64AndArm64(StandInBases.ociLayout("jre-distroless"), dir.resolve("base"));
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      PlanDraft draft = new PlanDraft(BaseSource.parse("oci:" + base, "runtimeImage", dir),
          TinyWebApp.compile(dir.resolve("app"), "Hello"), dir.resolve("project"), dir.resolve("cache"));
      draft.allowInsecureRegistries = true;
      ImagePlan plan = withPlatformsAndPush(draft.plan(), registry.hostPort() + "/team/greeter");

      ImageBuild.Result result = new ImageBuild(plan, RegistryOptions.defaults(), m -> {}, m -> {}, Map.of()).run();

      String listDigest = Files.readString(result.outputDirectory().resolve("image-digest"));
      JsonNode list = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false",
          "docker://" + registry.hostPort() + "/team/greeter:1.0.0"));
      assertEquals("application/vnd.docker.distribution.manifest.list.v2+json", list.path("mediaType").asText());
      List<String> platforms = new ArrayList<>();
      list.path("manifests").forEach(m -> platforms.add(m.path("platform").path("os").asText() + "/"
          + m.path("platform").path("architecture").asText()));
      assertEquals(List.of("linux/amd64", "linux/arm64"), platforms);
      assertEquals(listDigest, skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}",
          "docker://" + registry.hostPort() + "/team/greeter:1.0.0").trim());
      for (String arch : List.of("amd64", "arm64")) {
        JsonNode config = JSON.readTree(skopeo("inspect", "--config", "--raw", "--tls-verify=false",
            "--override-arch", arch, "docker://" + registry.hostPort() + "/team/greeter:1.0.0"));
        assertEquals(arch, config.path("architecture").asText());
        assertEquals("1001:1001", config.path("config").path("User").asText());
      }

      JsonNode report = JSON.readTree(result.outputDirectory().resolve("report.json").toFile());
      assertEquals(listDigest, report.path("image").path("digest").asText());
      assertEquals(2, report.path("platforms").size());
      assertEquals("linux/amd64", report.path("image").path("platform").asText());
      JsonNode tarConfig = ImageArchive.read(result.outputDirectory().resolve("image.tar")).dockerConfig();
      assertEquals("amd64", tarConfig.path("architecture").asText(), "image.tar holds the default platform");

      // the push goal's path: the same list read back from target/multistage/index, pushed elsewhere unchanged
      new ImagePush(RegistryOptions.defaults().withAllowInsecure(true), m -> {})
          .pushBuilt(result.outputDirectory(), registry.hostPort() + "/mirror/greeter", List.of("copy"),
              dir.resolve("push-work"));
      assertEquals(listDigest, skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}",
          "docker://" + registry.hostPort() + "/mirror/greeter:copy").trim());
    }
  }

  private static ImagePlan withPlatformsAndPush(ImagePlan p, String to) {
    return p.withTarget(new Target(to, p.target().tags(), true, p.target().format(),
        List.of(Platform.LINUX_AMD64, Platform.parse("linux/arm64", "platforms"))));
  }

  private static String skopeo(String... args) {
    List<String> cmd = new ArrayList<>(List.of("skopeo"));
    cmd.addAll(List.of(args));
    return Processes.check(Duration.ofMinutes(2), cmd).stdout();
  }
}
