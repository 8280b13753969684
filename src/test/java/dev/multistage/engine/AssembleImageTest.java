package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.archive.DockerArchive;
import dev.multistage.image.BaseImage;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.layer.BaseFilesystem;
import dev.multistage.layer.LayerCache;
import dev.multistage.layer.UserLayer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.Platform;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssembleImageTest {
  @TempDir Path dir;

  @Test
  void stacksBaseUserProbeAndAppLayersInOrderWithAHistoryEntryAndTheHealthcheckInTheConfig() throws IOException {
    Path tar = dir.resolve("base.tar");
    DockerArchive.to(tar, List.of("base:1")).write(TinyImages.image(Platform.LINUX_AMD64, ImageFormat.DOCKER,
        List.of(TinyImages.layer(dir.resolve("in"), "base", "etc/os-release", "ID=tiny\n"
            .getBytes(StandardCharsets.UTF_8)))));
    BaseSource source = BaseSource.parse("tar:" + tar, "runtimeImage", dir);
    BaseImage base = DockerArchive.read((BaseSource.Tar) source, dir.resolve("blobs"), "runtimeImage");
    BaseFilesystem fs = BaseFilesystem.read(base.layers().stream().map(Layer::blob).toList(), UserLayer.FILES_READ);
    ImagePlan plan = new PlanDraft(source, TinyWebApp.compile(dir.resolve("app"), "Hello"), dir.resolve("project"),
        dir.resolve("cache")).plan();
    LayerCache layers = new LayerCache(dir.resolve("cache"));

    AssembleImage.PlatformImage built = new AssembleImage(plan, layers).assemble(Platform.LINUX_AMD64,
        new RuntimeStage.Staged(base, fs, Optional.empty()),
        WriteAppLayers.write(plan.appLayers(), plan.container().workingDir(), layers));

    assertEquals(List.of("base", "user", "probe", "dependencies", "resources", "classes"),
        built.image().layers().stream().map(Layer::name).toList());
    assertEquals(List.of("dependencies", "resources", "classes"), built.appLayers().stream().map(Layer::name).toList());
    assertEquals(Platform.LINUX_AMD64, built.image().platform());
    assertTrue(built.image().config().healthcheck().path("Test").toString().contains("HealthProbe"),
        built.image().config().healthcheck().toString());
    assertEquals("1001:1001", built.image().config().json().path("config").path("User").asText());
  }
}
