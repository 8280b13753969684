package dev.multistage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.Platform;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

  @Test
  void aPullMovesTheConfigAndEveryLayerBlob() {
    Manifest manifest = new Manifest("sha256:m", new Descriptor("config", "sha256:c", 500),
        List.of(new Descriptor("layer", "sha256:a", 1_000), new Descriptor("layer", "sha256:b", 20_000)));
    assertEquals(21_500, manifest.compressedSize());
    ImageSizes sizes = ImageSizes.of(manifest);
    assertEquals("sha256:m", sizes.digest());
    assertEquals(21_500, sizes.compressedBytes());
    assertTrue(sizes.uncompressedBytes().isEmpty(), "a manifest does not tell the layer tars' sizes");
  }

  @Test
  void aLayerOfUnknownTarSizeIsMeasuredByDecompressingItsBlob(@TempDir Path dir) throws IOException {
    Layer written = TinyImages.layer(dir, "app", "x.txt", "x".repeat(5000).getBytes(StandardCharsets.UTF_8));
    Layer read = new Layer("base", written.descriptor(), written.diffId(), -1, -1, written.blob(), true);
    assertEquals(written.uncompressedSize(), read.tarSize());
  }

  @Test
  void anImagesManifestSizesMatchTheImagesOwn(@TempDir Path dir) throws IOException {
    Image image = TinyImages.image(Platform.LINUX_AMD64, ImageFormat.OCI,
        List.of(TinyImages.layer(dir, "app", "x", "x".getBytes(StandardCharsets.UTF_8))));
    Manifest manifest = new Manifest(image.manifestDescriptor().digest(), image.configDescriptor(),
        image.layers().stream().map(Layer::descriptor).toList());
    assertEquals(image.compressedSize(), manifest.compressedSize());
  }
}
