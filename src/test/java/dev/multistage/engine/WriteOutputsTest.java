package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.archive.ImageTar;
import dev.multistage.image.Image;
import dev.multistage.image.ImageFormat;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.Platform;
import dev.multistage.report.Baseline;
import dev.multistage.report.ContainerSection;
import dev.multistage.report.SizeReport;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteOutputsTest {
  @TempDir Path dir;

  private ImagePlan plan() {
    return new PlanDraft(BaseSource.parse("oci:" + dir.resolve("unused"), "runtimeImage", dir),
        TinyWebApp.compile(dir.resolve("app"), "Hello"), dir.resolve("project"), dir.resolve("cache")).plan();
  }

  private Path write(ImagePlan plan, ImageFormat format) throws IOException {
    Image image = TinyImages.image(Platform.LINUX_AMD64, format, List.of(
        TinyImages.layer(dir.resolve("in"), "app", "a.txt", "hello".getBytes(StandardCharsets.UTF_8))));
    SizeReport report = SizeReport.of(image, plan.target().reference(), "base@sha256:" + "0".repeat(64),
        Optional.empty(), new Baseline.None(), Set.of(), ContainerSection.of(plan.container(), image.config(), 0));
    Path out = WriteOutputs.write(plan, image, Optional.empty(), report);
    assertEquals(image.manifestDescriptor().digest(), Files.readString(out.resolve("image-digest")));
    assertEquals(image.id(), Files.readString(out.resolve("image-id")));
    assertEquals(image.manifestDescriptor().digest(),
        ImageTar.read(out.resolve("image.tar"), dir.resolve("read-" + format)).manifestDescriptor().digest());
    return out;
  }

  @Test
  void writesTheImageTarItsDigestIdAndTheReportIntoTheOutputDirectory() throws IOException {
    ImagePlan plan = plan();
    Path out = write(plan, ImageFormat.DOCKER);

    assertEquals(plan.outputs().outputDirectory(), out);
    for (String report : List.of("report.json", "report.md", "report.html")) {
      assertTrue(Files.isRegularFile(out.resolve(report)), report);
    }
    assertTrue(Files.notExists(out.resolve(WriteOutputs.INDEX_DIRECTORY)), "one platform: no index layout");
  }

  @Test
  void anOciImageGoesIntoAnOciArchiveAndReplacesWhatAnEarlierBuildWrote() throws IOException {
    ImagePlan plan = plan();
    Path out = write(plan, ImageFormat.DOCKER);
    Files.writeString(out.resolve("stale.txt"), "from an earlier build");

    write(plan, ImageFormat.OCI);

    assertTrue(Files.notExists(out.resolve("stale.txt")), "the outputs are replaced as a whole");
  }
}
