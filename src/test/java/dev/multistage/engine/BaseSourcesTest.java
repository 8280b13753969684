package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.plan.BaseSource;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.testing.StandInBases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same base read from an OCI layout and from a docker-archive gives the same image. */
class BaseSourcesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void dockerArchiveAndOciLayoutOfOneBaseGiveTheSameLayersAndGzipBlobsAreReusedAsTheyAre() throws IOException {
    dev.multistage.testing.Requirements.assumeTools("skopeo");
    Path layout = StandInBases.ociLayout("jre-busybox");
    Path archive = StandInBases.dockerArchive("jre-busybox", dir.resolve("jre-busybox.tar"));
    TinyWebApp app = TinyWebApp.compile(dir.resolve("app"), "Hello");

    Path fromOci = build(new PlanDraft(BaseSource.parse("oci:" + layout, "runtimeImage", dir), app,
        dir.resolve("oci"), dir.resolve("cache")));
    Path fromTar = build(new PlanDraft(BaseSource.parse("tar:" + archive, "runtimeImage", dir), app,
        dir.resolve("tar"), dir.resolve("cache")));

    JsonNode ociConfig = ImageArchive.read(fromOci.resolve("image.tar")).dockerConfig();
    JsonNode tarConfig = ImageArchive.read(fromTar.resolve("image.tar")).dockerConfig();
    assertEquals(ociConfig.path("rootfs"), tarConfig.path("rootfs"), "different layers");
    JsonNode baseConfig = JSON.readTree(Files.readAllBytes(layoutConfig(layout)));
    String baseDiffId = baseConfig.path("rootfs").path("diff_ids").path(0).asText();
    assertEquals(baseDiffId, tarConfig.path("rootfs").path("diff_ids").path(0).asText());
    // the layout's gzip blob goes into the image byte for byte; skopeo's archive holds the tar uncompressed
    JsonNode manifest = JSON.readTree(layout.resolve("blobs/sha256/" + JSON.readTree(layout.resolve("index.json")
        .toFile()).path("manifests").path(0).path("digest").asText().substring(7)).toFile());
    assertEquals(manifest.path("layers").path(0).path("digest").asText(), layers(fromOci).get(0));
    assertTrue(layers(fromTar).get(0).startsWith("sha256:"));
  }

  private Path build(PlanDraft draft) throws IOException {
    return new ImageBuild(draft.plan(), RegistryOptions.defaults(), m -> {}, m -> {}).run().outputDirectory();
  }

  private static List<String> layers(Path out) throws IOException {
    List<String> digests = new ArrayList<>();
    JSON.readTree(out.resolve("report.json").toFile()).path("layers").forEach(l -> digests.add(l.path("digest").asText()));
    return digests;
  }

  private static Path layoutConfig(Path layout) throws IOException {
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    String manifest = index.path("manifests").path(0).path("digest").asText().substring(7);
    JsonNode m = JSON.readTree(layout.resolve("blobs/sha256/" + manifest).toFile());
    return layout.resolve("blobs/sha256/" + m.path("config").path("digest").asText().substring(7));
  }
}
