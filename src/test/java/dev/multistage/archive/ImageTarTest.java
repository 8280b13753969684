package dev.multistage.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.BaseImage;
import dev.multistage.image.Digests;
import dev.multistage.image.Image;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.ImageSizes;
import dev.multistage.image.Layer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image.tar written as a docker-archive or an OCI archive, and read back for a push or as a tar: base. */
class ImageTarTest {

  @TempDir
  Path dir;

  private Image image(ImageFormat format) throws IOException {
    return TinyImages.image(Platform.LINUX_AMD64, format, List.of(
        TinyImages.layer(dir.resolve("in"), "base", "a.txt", "base".getBytes(StandardCharsets.UTF_8)),
        TinyImages.layer(dir.resolve("in"), "app", "b.txt", "app".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void aDockerArchiveReadsBackAsTheSameImage() throws IOException {
    Image image = image(ImageFormat.DOCKER);
    DockerArchive.write(image, List.of("shop:1.0"), dir.resolve("image.tar"));
    Image read = ImageTar.read(dir.resolve("image.tar"), dir.resolve("out"));
    assertEquals(image.manifestDescriptor(), read.manifestDescriptor());
    assertArrayEquals(image.configBytes(), read.configBytes());
    for (Layer l : read.layers()) {
      assertEquals(l.descriptor().digest(), Digests.of(l.blob()), "each extracted blob is the one named");
    }
  }

  @Test
  void anOciArchiveReadsBackAsTheSameImage() throws IOException {
    Image image = image(ImageFormat.OCI);
    OciLayout.writeArchive(image, "1.0", dir.resolve("image.tar"));
    Image read = ImageTar.read(dir.resolve("image.tar"), dir.resolve("out"));
    assertEquals(ImageFormat.OCI, read.format());
    assertEquals(image.manifestDescriptor(), read.manifestDescriptor());
  }

  @Test
  void writingTheSameImageTwiceGivesTheSameBytes() throws IOException {
    Image image = image(ImageFormat.DOCKER);
    DockerArchive.write(image, List.of("shop:1.0"), dir.resolve("a.tar"));
    DockerArchive.write(image, List.of("shop:1.0"), dir.resolve("b.tar"));
    assertEquals(Digests.of(dir.resolve("a.tar")), Digests.of(dir.resolve("b.tar")));
  }

  @Test
  void aDockerArchiveReadAsABaseKeepsTheConfigAndLayerDigests() throws IOException {
    Image image = image(ImageFormat.DOCKER);
    DockerArchive.write(image, List.of("shop:1.0"), dir.resolve("image.tar"));
    BaseImage base = DockerArchive.read(new BaseSource.Tar(dir.resolve("image.tar")), dir.resolve("b"), "from");
    assertEquals(image.id(), base.manifestDigest(), "a docker-archive is pinned by its config digest");
    assertEquals(image.layers().stream().map(l -> l.descriptor().digest()).toList(),
        base.layers().stream().map(l -> l.descriptor().digest()).toList());
    ImageSizes sizes = DockerArchive.sizes(new BaseSource.Tar(dir.resolve("image.tar")), dir.resolve("b"), "from");
    assertEquals(image.compressedSize(), sizes.compressedBytes());
    assertEquals(image.uncompressedSize(), sizes.uncompressedBytes().getAsLong());
  }

  @Test
  void aMissingTarFailsNamingOutputDirectory() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ImageTar.read(dir.resolve("image.tar"), dir.resolve("out")));
    assertEquals("outputDirectory", e.parameter());
    assertTrue(e.getMessage().contains("there is no image to push"), e.getMessage());
  }

  @Test
  void aTarThatIsNoImageFails() throws IOException {
    Files.write(dir.resolve("image.tar"), TinyImages.tar("hello.txt", new byte[] {1}));
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ImageTar.read(dir.resolve("image.tar"), dir.resolve("out")));
    assertTrue(e.getMessage().contains("neither a docker-archive"), e.getMessage());
  }
}
