package dev.multistage.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.BaseImage;
import dev.multistage.image.Image;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.ImageIndex;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  private static final Platform ARM64 = new Platform("linux", "arm64", Optional.empty());

  @TempDir
  Path dir;

  private Image image(Platform platform, String content) throws IOException {
    return TinyImages.image(platform, ImageFormat.OCI, List.of(
        TinyImages.layer(dir.resolve("blobs-in"), "base", "a.txt", "base".getBytes(StandardCharsets.UTF_8)),
        TinyImages.layer(dir.resolve("blobs-in"), "app", "b.txt", content.getBytes(StandardCharsets.UTF_8))));
  }

  private static BaseSource.OciLayout layout(Path dir, String tag) {
    return new BaseSource.OciLayout(dir, Optional.ofNullable(tag));
  }

  @Test
  void aWrittenLayoutReadsBackAsTheSameImage() throws IOException {
    Image image = image(Platform.LINUX_AMD64, "app");
    OciLayout.writeDirectory(image, "1.0", dir.resolve("layout"));
    BaseImage read = OciLayout.read(layout(dir.resolve("layout"), "1.0"), Platform.LINUX_AMD64, dir.resolve("b"),
        "runtimeImage");
    assertEquals(image.manifestDescriptor().digest(), read.manifestDigest());
    assertArrayEquals(image.configBytes(), read.config().toBytes());
    assertEquals(image.layers().stream().map(Layer::descriptor).toList(),
        read.layers().stream().map(Layer::descriptor).toList());
    Image rebuilt = new Image(Platform.LINUX_AMD64, ImageFormat.OCI, read.config(), read.layers());
    assertEquals(image.manifestDescriptor().digest(), rebuilt.manifestDescriptor().digest());
  }

  @Test
  void sizesAreTheManifestsBlobsAndTheLayerTars() throws IOException {
    Image image = image(Platform.LINUX_AMD64, "app");
    OciLayout.writeDirectory(image, "1.0", dir.resolve("layout"));
    ImageSizes sizes = OciLayout.sizes(layout(dir.resolve("layout"), null), Platform.LINUX_AMD64, dir.resolve("b"),
        "baselineImage");
    assertEquals(image.manifestDescriptor().digest(), sizes.digest());
    assertEquals(image.compressedSize(), sizes.compressedBytes());
    assertEquals(image.uncompressedSize(), sizes.uncompressedBytes().getAsLong());
  }

  @Test
  void aWrittenIndexReadsBackWithTheSameDigests() throws IOException {
    ImageIndex index = new ImageIndex(ImageFormat.DOCKER, List.of(
        TinyImages.image(Platform.LINUX_AMD64, ImageFormat.DOCKER, image(Platform.LINUX_AMD64, "amd").layers()),
        TinyImages.image(ARM64, ImageFormat.DOCKER, image(ARM64, "arm").layers())));
    OciLayout.writeIndexDirectory(index, "1.0", dir.resolve("index"));
    ImageIndex read = OciLayout.readIndexDirectory(dir.resolve("index"), dir.resolve("b"), "outputDirectory");
    assertEquals(index.descriptor(), read.descriptor());
    assertEquals(index.images().get(1).manifestDescriptor(), read.images().get(1).manifestDescriptor());
  }

  @Test
  void aBaseFromAnIndexIsThePlatformsImage() throws IOException {
    Image arm = TinyImages.image(ARM64, ImageFormat.DOCKER, image(ARM64, "arm").layers());
    ImageIndex index = new ImageIndex(ImageFormat.DOCKER, List.of(
        TinyImages.image(Platform.LINUX_AMD64, ImageFormat.DOCKER, image(Platform.LINUX_AMD64, "amd").layers()), arm));
    OciLayout.writeIndexDirectory(index, "1.0", dir.resolve("index"));
    BaseImage read = OciLayout.read(layout(dir.resolve("index"), null), ARM64, dir.resolve("b"), "runtimeImage");
    assertEquals(arm.manifestDescriptor().digest(), read.manifestDigest());
  }

  @Test
  void aPlatformTheLayoutLacksFailsNamingTheOnesItOffers() throws IOException {
    OciLayout.writeDirectory(image(Platform.LINUX_AMD64, "app"), "1.0", dir.resolve("layout"));
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> OciLayout.read(layout(dir.resolve("layout"), null), ARM64, dir.resolve("b"), "runtimeImage"));
    assertEquals("runtimeImage", e.parameter());
    assertTrue(e.getMessage().contains("it offers linux/amd64"), e.getMessage());
  }

  @Test
  void aTagTheLayoutLacksFails() throws IOException {
    OciLayout.writeDirectory(image(Platform.LINUX_AMD64, "app"), "1.0", dir.resolve("layout"));
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> OciLayout.read(
        layout(dir.resolve("layout"), "2.0"), Platform.LINUX_AMD64, dir.resolve("b"), "runtimeImage"));
    assertTrue(e.getMessage().contains("has no manifest named '2.0'"), e.getMessage());
  }

  @Test
  void aMissingBlobIsNamed() throws IOException {
    Image image = image(Platform.LINUX_AMD64, "app");
    OciLayout.writeDirectory(image, "1.0", dir.resolve("layout"));
    Files.delete(dir.resolve("layout/blobs/sha256").resolve(image.configDescriptor().hex()));
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> OciLayout.read(
        layout(dir.resolve("layout"), null), Platform.LINUX_AMD64, dir.resolve("b"), "runtimeImage"));
    assertTrue(e.getMessage().contains("lacks blob " + image.id()), e.getMessage());
  }

  @Test
  void aDirectoryWithoutIndexJsonIsNotALayout() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> OciLayout.read(layout(dir, null), Platform.LINUX_AMD64, dir.resolve("b"), "runtimeImage"));
    assertTrue(e.getMessage().contains("no index.json"), e.getMessage());
  }
}
