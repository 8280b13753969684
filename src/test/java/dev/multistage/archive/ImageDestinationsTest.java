package dev.multistage.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.multistage.image.Image;
import dev.multistage.image.ImageDestination;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.ImageIndex;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.Platform;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive destinations share one shape: whichever is written, the same image reads back. */
class ImageDestinationsTest {
  @TempDir Path dir;

  private Image image(ImageFormat format, Platform platform) throws IOException {
    return TinyImages.image(platform, format, List.of(
        TinyImages.layer(dir.resolve("in"), "app", "a.txt", "hello".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void eachArchiveDestinationHoldsTheSameImage() throws IOException {
    Image docker = image(ImageFormat.DOCKER, Platform.LINUX_AMD64);
    Image oci = image(ImageFormat.OCI, Platform.LINUX_AMD64);
    List<ImageDestination> destinations = List.of(DockerArchive.to(dir.resolve("docker.tar"), List.of("app:1")),
        OciLayout.archive(dir.resolve("oci.tar"), "1"), OciLayout.directory(dir.resolve("layout"), "1"));
    destinations.get(0).write(docker);
    destinations.get(1).write(oci);
    destinations.get(2).write(oci);

    assertEquals(docker.manifestDescriptor().digest(),
        ImageTar.read(dir.resolve("docker.tar"), dir.resolve("out1")).manifestDescriptor().digest());
    assertEquals(oci.manifestDescriptor().digest(),
        ImageTar.read(dir.resolve("oci.tar"), dir.resolve("out2")).manifestDescriptor().digest());
    assertEquals(oci.manifestDescriptor().digest(), OciLayout.read(new BaseSource.OciLayout(dir.resolve("layout"),
        Optional.of("1")), Platform.LINUX_AMD64, dir.resolve("out3"), "runtimeImage").manifestDigest());
  }

  @Test
  void onlyALayoutDirectoryTakesAMultiPlatformIndex() throws IOException {
    ImageIndex index = new ImageIndex(ImageFormat.OCI, List.of(image(ImageFormat.OCI, Platform.LINUX_AMD64),
        image(ImageFormat.OCI, Platform.parse("linux/arm64", "platforms"))));

    OciLayout.directory(dir.resolve("index"), "1").write(index);

    assertEquals(index.descriptor().digest(),
        OciLayout.readIndexDirectory(dir.resolve("index"), dir.resolve("out"), "outputDirectory").descriptor().digest());
    assertThrows(IllegalArgumentException.class, () -> DockerArchive.to(dir.resolve("x.tar"), List.of("a:1"))
        .write(index));
  }
}
