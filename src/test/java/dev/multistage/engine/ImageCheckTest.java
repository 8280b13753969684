package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.archive.DockerArchive;
import dev.multistage.archive.OciLayout;
import dev.multistage.check.CheckPlan;
import dev.multistage.check.CheckPolicy;
import dev.multistage.check.CheckReport;
import dev.multistage.check.CheckSubject;
import dev.multistage.check.Rule;
import dev.multistage.image.Image;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.ImageIndex;
import dev.multistage.image.Layer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.plan.PullPlan;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.registry.RegistrySink;
import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.TestTars;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check step on what it reads: the image goal's image.tar or index, a tar: archive, a registry tag. */
class ImageCheckTest {
  private static final Platform ARM64 = new Platform("linux", "arm64", Optional.empty());
  private static final String PAGE = "<!DOCTYPE html>\n<html><body><main>\n<h1>Image</h1>\n</main></body></html>\n";

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  /** One layer with root and app in passwd, /tmp, a healthcheck, a base from a local layout; runs as {@code user}. */
  private Image image(Platform platform, String user) throws IOException {
    Layer layer = TinyImages.layer(dir.resolve("layers"), "base", TestTars.layer()
        .file("etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1001:1001::/home/app:/bin/sh\n")
        .file("etc/group", "root:x:0:\napp:x:1001:\n")
        .dir("tmp", 01777, 0));
    ImageConfig config = ImageConfig.empty(platform).withUser(user)
        .withHealthcheck(List.of("CMD", "/probe"), Duration.ofSeconds(30), Duration.ofSeconds(3),
            Duration.ofSeconds(10), 3)
        .withLabels(Map.of("org.opencontainers.image.base.name", "oci:/stand-in/glibc"))
        .withLayer(layer.diffId(), "test", Instant.EPOCH);
    return new Image(platform, ImageFormat.DOCKER, config, List.of(layer));
  }

  private CheckReport check(CheckSubject subject, List<Platform> platforms) throws IOException {
    CheckPlan plan = new CheckPlan(subject, platforms, CheckPolicy.standard(),
        new CheckPlan.Directories(dir.resolve("out"), dir.resolve("work"), dir.resolve("cache")), PullPlan.direct(),
        new CheckPlan.Tool("1.0", "pom.xml"));
    return new ImageCheck(plan, RegistryOptions.defaults().withAllowInsecure(true), log::add).run();
  }

  private Path outputs() throws IOException {
    return Files.createDirectories(dir.resolve("out"));
  }

  @Test
  void theBuiltImageTarIsCheckedAndTheReportPageGainsTheCheckSection() throws Exception {
    Path out = outputs();
    DockerArchive.write(image(Platform.LINUX_AMD64, "0"), List.of("shop:1"), out.resolve("image.tar"));
    Files.writeString(out.resolve("report.html"), PAGE);

    CheckReport report = check(new CheckSubject.Built(out, "shop:1"), List.of(Platform.LINUX_AMD64));

    assertEquals(List.of(Rule.USER_ROOT), report.rows().stream().map(CheckReport.Row::rule).toList());
    assertFalse(report.passed());
    assertTrue(Files.isRegularFile(out.resolve("check.json")) && Files.isRegularFile(out.resolve("check.sarif")));
    String page = Files.readString(out.resolve("report.html"));
    assertTrue(page.contains("<section id=\"check\">") && page.contains("<code>user-root</code>"), page);
    assertTrue(log.stream().anyMatch(l -> l.startsWith("multistage check: shop:1 (linux/amd64): 1 finding")),
        log::toString);
    try (var left = Files.list(dir.resolve("work"))) {
      assertEquals(0, left.count(), "the blobs read out of image.tar are removed");
    }
  }

  @Test
  void everyPlatformOfAMultiPlatformBuildIsCheckedAndAConfiguredOneItLacksIsAMismatch() throws Exception {
    Path out = outputs();
    OciLayout.writeIndexDirectory(new ImageIndex(ImageFormat.DOCKER, List.of(image(Platform.LINUX_AMD64,
        "1001:1001"), image(ARM64, "1001:1001"))), "1", out.resolve(ImageBuild.INDEX_DIRECTORY));
    Platform s390x = new Platform("linux", "s390x", Optional.empty());

    CheckReport report = check(new CheckSubject.Built(out, "shop:1"), List.of(Platform.LINUX_AMD64, ARM64, s390x));

    assertEquals(List.of("linux/amd64", "linux/arm64"), report.images().stream().map(CheckReport.Image::platform)
        .toList());
    assertEquals(1, report.rows().size(), report.rows()::toString);
    assertEquals(Rule.PLATFORM_MISMATCH, report.rows().get(0).rule());
    assertEquals("linux/s390x", report.rows().get(0).platform());
  }

  @Test
  void anImageNamedByTarIsCheckedAndTheReportPageOfTheBuiltOneIsLeftAlone() throws Exception {
    Path out = outputs();
    Files.writeString(out.resolve("report.html"), PAGE);
    Path tar = dir.resolve("other.tar");
    DockerArchive.write(image(Platform.LINUX_AMD64, "1001:1001"), List.of("other:1"), tar);

    CheckReport report = check(new CheckSubject.Given(new BaseSource.Tar(tar)), List.of(Platform.LINUX_AMD64));

    assertTrue(report.passed(), report.rows()::toString);
    assertEquals("tar:" + tar, report.subject());
    assertEquals(PAGE, Files.readString(out.resolve("report.html")));
    assertTrue(Files.readString(out.resolve("check.json")).contains("\"subject\" : \"tar:" + tar + "\""));
  }

  @Test
  void withoutABuiltImageTheCheckAsksForTheImageGoalAndLeavesNoEarlierResults() throws Exception {
    Path out = outputs();
    Files.writeString(out.resolve("check.json"), "{\"passed\": true}");

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> check(new CheckSubject.Built(out, "shop:1"), List.of(Platform.LINUX_AMD64)));

    assertEquals("check.image", e.parameter());
    assertTrue(e.getMessage().contains("there is no image to check: " + out.resolve("image.tar") + " does not exist.")
        && e.getMessage().contains("Fix: run the image goal first"), e.getMessage());
    assertFalse(Files.exists(out.resolve("check.json")), "an earlier check's result must not look current");
  }

  @Test
  void anImageNamedByATagIsCheckedAtTheDigestTheTagPointsToNow() throws Exception {
    Image pushed = image(Platform.LINUX_AMD64, "1001:1001");
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      new RegistrySink(RegistryOptions.defaults().withAllowInsecure(true))
          .push(pushed, registry.hostPort(), "check/app", List.of("1"), Optional.empty());

      CheckReport report = check(new CheckSubject.Given(BaseSource.parse(registry.hostPort() + "/check/app:1",
          "check.image", dir)), List.of(Platform.LINUX_AMD64));

      assertEquals(List.of(Rule.TAG_ONLY_REFERENCE), report.rows().stream().map(CheckReport.Row::rule).toList());
      assertTrue(report.rows().get(0).finding().message().contains(pushed.manifestDescriptor().digest()),
          report.rows().get(0).finding().message());
      assertTrue(report.passed(), "a tag-only reference is low: it does not fail at high");
    }
  }
}
