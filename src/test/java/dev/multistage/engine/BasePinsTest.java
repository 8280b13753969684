package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.Image;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.ImageIndex;
import dev.multistage.image.Layer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.plan.Presets;
import dev.multistage.registry.BlobCache;
import dev.multistage.registry.RegistryImages;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.registry.RegistrySink;
import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pin goal's resolution against a real loopback registry: a tag, a tag that moved, a tag that is missing. */
class BasePinsTest {
  private static final Platform ARM64 = Platform.parse("linux/arm64", "platforms");
  private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

  @TempDir Path dir;

  @Test
  void aTagBecomesTagAtTheIndexDigestWithThePlatformsItOffers() throws IOException {
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      String digest = pushIndex(registry, "base", "one", Instant.parse("2026-11-01T00:00:00Z"));
      BasePins.Pin pin = pins(registry).pin(List.of(configured(registry, "base:1")), Platform.LINUX_AMD64).get(0);

      assertEquals(registry.hostPort() + "/base:1@" + digest, pin.pinned());
      assertEquals(List.of("linux/amd64", "linux/arm64"), pin.platforms());
      assertTrue(pin.moved().isEmpty());
      assertTrue(pin.describe().startsWith("runtimeImage: " + pin.pinned() + " (linux/amd64, linux/arm64)"),
          pin.describe());
    }
  }

  @Test
  void aPinnedBaseWhoseTagMovedIsReportedWithItsAgeAndTheNewDigest() throws IOException {
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      String old = pushIndex(registry, "base", "one", Instant.parse("2026-09-05T00:00:00Z"));
      String current = pushIndex(registry, "base", "two", Instant.parse("2026-12-01T00:00:00Z"));
      assertNotEquals(old, current);

      BasePins.Pin pin = pins(registry).pin(List.of(configured(registry, "base:1@" + old)), Platform.LINUX_AMD64)
          .get(0);

      assertEquals(registry.hostPort() + "/base:1@" + current, pin.pinned());
      assertTrue(pin.moved().isPresent());
      assertEquals(90, pin.moved().get().age().orElseThrow().toDays());
      assertFalse(pin.current());
      assertTrue(pin.describe().contains("is stale: the pin is 90 days old (created 2026-09-05 per its image config)"),
          pin.describe());
      assertTrue(pin.describe().contains("now points to " + current), pin.describe());
    }
  }

  @Test
  void aPinThatIsStillWhatItsTagPointsToIsCurrent() throws IOException {
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      String digest = pushIndex(registry, "base", "one", Instant.parse("2026-11-01T00:00:00Z"));
      BasePins.Pin pin = pins(registry).pin(List.of(configured(registry, "base:1@" + digest)), Platform.LINUX_AMD64)
          .get(0);
      assertTrue(pin.current(), pin.describe());
      assertTrue(pin.describe().endsWith("the pin is current."), pin.describe());
    }
  }

  @Test
  void aMissingTagIsAClearErrorNamingTheParameterAndTheTag() throws IOException {
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      pushIndex(registry, "base", "one", Instant.parse("2026-11-01T00:00:00Z"));
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> pins(registry).pin(List.of(configured(registry, "base:nope")), Platform.LINUX_AMD64));
      assertEquals("runtimeImage", e.parameter());
      assertTrue(e.getMessage().contains(registry.hostPort() + "/base:nope was not found"), e.getMessage());
    }
  }

  private BasePins pins(LoopbackRegistry registry) {
    RegistryOptions options = RegistryOptions.defaults().withAllowInsecure(true);
    return new BasePins(new RegistryImages(options, new BlobCache(dir.resolve("cache"))), Presets.load(), NOW);
  }

  private static BasePins.Configured configured(LoopbackRegistry registry, String ref) {
    return new BasePins.Configured("runtimeImage",
        (BaseSource.Registry) BaseSource.parse(registry.hostPort() + "/" + ref, "runtimeImage", Path.of(".")));
  }

  /** Pushes an amd64 + arm64 index under {@code repository:1}; returns the index digest. */
  private String pushIndex(LoopbackRegistry registry, String repository, String content, Instant created)
      throws IOException {
    List<Image> images = new java.util.ArrayList<>();
    for (Platform platform : List.of(Platform.LINUX_AMD64, ARM64)) {
      Layer layer = TinyImages.layer(dir.resolve(content + "-" + platform.architecture()), "app", "hello.txt",
          (content + platform).getBytes(StandardCharsets.UTF_8));
      Image image = TinyImages.image(platform, ImageFormat.DOCKER, List.of(layer));
      images.add(new Image(platform, ImageFormat.DOCKER, image.config().withCreated(created), image.layers()));
    }
    return new RegistrySink(RegistryOptions.defaults().withAllowInsecure(true))
        .pushIndex(new ImageIndex(ImageFormat.DOCKER, images), registry.hostPort(), repository, List.of("1"),
            Optional.empty()).digest();
  }
}
