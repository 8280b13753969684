package dev.multistage.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.plan.Platform;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTest {

  @TempDir
  Path dir;

  private Image image(ImageFormat format) throws IOException {
    return TinyImages.image(Platform.LINUX_AMD64, format, List.of(
        TinyImages.layer(dir, "base", "a.txt", "a".getBytes(StandardCharsets.UTF_8)),
        TinyImages.layer(dir, "classes", "b.txt", "b".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void theManifestListsTheConfigAndEachLayerUnderTheFormatsMediaTypes() throws IOException {
    for (ImageFormat format : ImageFormat.values()) {
      Image image = image(format);
      JsonNode manifest = new ObjectMapper().readTree(image.manifestBytes());
      assertEquals(format.configMediaType, manifest.path("config").path("mediaType").asText());
      assertEquals(image.configDescriptor().digest(), manifest.path("config").path("digest").asText());
      assertEquals(2, manifest.path("layers").size());
      for (int i = 0; i < 2; i++) {
        JsonNode layer = manifest.path("layers").get(i);
        assertEquals(format.layerMediaType, layer.path("mediaType").asText(), format + " layer " + i);
        assertEquals(image.layers().get(i).descriptor().digest(), layer.path("digest").asText());
        assertEquals(image.layers().get(i).descriptor().size(), layer.path("size").asLong());
      }
    }
  }

  @Test
  void theDigestsAreThoseOfTheBytesAndTheIdIsTheConfigDigest() throws IOException {
    Image image = image(ImageFormat.DOCKER);
    assertEquals(Digests.of(image.manifestBytes()), image.manifestDescriptor().digest());
    assertEquals(image.manifestBytes().length, image.manifestDescriptor().size());
    assertEquals(Digests.of(image.configBytes()), image.id());
  }

  @Test
  void theSameImageMadeTwiceHasTheSameDigest() throws IOException {
    assertArrayEquals(image(ImageFormat.OCI).manifestBytes(), image(ImageFormat.OCI).manifestBytes());
  }

  @Test
  void theFormatChangesTheManifestDigestButNotTheLayerBlobs() throws IOException {
    Image docker = image(ImageFormat.DOCKER);
    Image oci = image(ImageFormat.OCI);
    assertNotEquals(docker.manifestDescriptor().digest(), oci.manifestDescriptor().digest());
    assertEquals(docker.layers().get(1).descriptor().digest(), oci.layers().get(1).descriptor().digest());
    assertEquals(ImageFormat.OCI.layerMediaType, oci.layers().get(1).descriptor().mediaType());
  }

  @Test
  void aPullMovesTheLayerBlobsAndTheConfigADiskHoldsTheLayerTars() throws IOException {
    Image image = image(ImageFormat.DOCKER);
    long blobs = image.layers().stream().mapToLong(l -> l.descriptor().size()).sum();
    assertEquals(blobs + image.configBytes().length, image.compressedSize());
    assertEquals(image.layers().get(0).uncompressedSize() * 2, image.uncompressedSize());
  }

  @Test
  void theConfigReadsBackAsWritten() throws IOException {
    Image image = image(ImageFormat.OCI);
    assertArrayEquals(image.configBytes(), image.config().toBytes());
    assertEquals(image.layers().stream().map(Layer::diffId).toList(), image.config().diffIds());
  }
}
