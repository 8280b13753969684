package dev.multistage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.plan.Platform;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageIndexTest {
  private static final Platform ARM64 = new Platform("linux", "arm64", Optional.empty());

  @TempDir
  Path dir;

  private List<Image> images(ImageFormat format) throws IOException {
    return List.of(
        TinyImages.image(Platform.LINUX_AMD64, format,
            List.of(TinyImages.layer(dir, "app", "x", "amd".getBytes(StandardCharsets.UTF_8)))),
        TinyImages.image(ARM64, format,
            List.of(TinyImages.layer(dir, "app", "x", "arm".getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void eachPlatformsManifestIsListedWithItsPlatform() throws IOException {
    assertListsEachPlatform(ImageFormat.DOCKER);
  }

  @Test
  void anOciIndexListsEachPlatformToo() throws IOException {
    assertListsEachPlatform(ImageFormat.OCI);
  }

  private void assertListsEachPlatform(ImageFormat format) throws IOException {
    List<Image> images = images(format);
    ImageIndex index = new ImageIndex(format, images);
    JsonNode json = new ObjectMapper().readTree(index.bytes());
    assertEquals(format.indexMediaType, json.path("mediaType").asText(), format.name());
    for (int i = 0; i < images.size(); i++) {
      JsonNode entry = json.path("manifests").get(i);
      assertEquals(images.get(i).manifestDescriptor().digest(), entry.path("digest").asText());
      assertEquals(images.get(i).manifestDescriptor().size(), entry.path("size").asLong());
      assertEquals(images.get(i).platform().architecture(), entry.path("platform").path("architecture").asText());
      assertEquals("linux", entry.path("platform").path("os").asText());
    }
  }

  @Test
  void theDescriptorIsTheDigestOfTheBytes() throws IOException {
    ImageIndex index = new ImageIndex(ImageFormat.DOCKER, images(ImageFormat.DOCKER));
    assertEquals(Digests.of(index.bytes()), index.descriptor().digest());
    assertEquals(ImageFormat.DOCKER.indexMediaType, index.descriptor().mediaType());
    assertEquals(index.descriptor(), new ImageIndex(ImageFormat.DOCKER, images(ImageFormat.DOCKER)).descriptor());
  }

  @Test
  void anIndexNeedsAnImage() {
    assertThrows(IllegalArgumentException.class, () -> new ImageIndex(ImageFormat.DOCKER, List.of()));
  }
}
