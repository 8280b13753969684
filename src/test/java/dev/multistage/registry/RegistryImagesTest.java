package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.BaseImage;
import dev.multistage.image.Digests;
import dev.multistage.image.Image;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
import dev.multistage.plan.Platform;
import dev.multistage.testing.LoopbackRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RegistryImagesTest {
  private static final String PARAMETER = "runtimeImage";
  private static final Platform ARM64 = new Platform("linux", "arm64", Optional.of("v8"));
  private static final RegistryOptions INSECURE = RegistryOptions.defaults().withAllowInsecure(true);

  @RegisterExtension static final LoopbackRegistry.ForClass REGISTRY = new LoopbackRegistry.ForClass();

  @TempDir Path dir;

  private static LoopbackRegistry registry() {
    return REGISTRY.registry();
  }

  private BlobCache cache() {
    return new BlobCache(dir.resolve("cache"));
  }

  private Image pushed(String repository, String tag, Platform platform, String content) throws IOException {
    Image image = TestImages.image(dir.resolve("build-" + content), platform, content);
    new RegistrySink(INSECURE).push(image, registry().hostPort(), repository, List.of(tag), Optional.empty());
    return image;
  }

  private BaseSource.Registry ref(String repository, String tag) {
    return new BaseSource.Registry(registry().hostPort(), repository, Optional.of(tag), Optional.empty());
  }

  @Test
  void pushThenPullGivesTheSameDigestsAndVerifiedBlobsInTheCache() throws IOException {
    Image image = pushed("round/trip", "1.0", Platform.LINUX_AMD64, "round trip");
    BlobCache cache = cache();

    BaseImage base = new RegistryImages(INSECURE, cache).pull(ref("round/trip", "1.0"), Platform.LINUX_AMD64,
        PARAMETER);

    String digest = image.manifestDescriptor().digest();
    assertEquals(Optional.of(digest), base.digest());
    assertEquals(digest, base.manifestDigest());
    assertEquals(registry().hostPort() + "/round/trip:1.0@" + digest, base.pinnedReference());
    assertArrayEquals(image.configBytes(), base.config().toBytes());
    assertEquals(1, base.layers().size());
    Layer pulled = base.layers().get(0);
    Layer built = image.layers().get(0);
    assertEquals(built.descriptor(), pulled.descriptor());
    assertEquals(built.diffId(), pulled.diffId());
    assertEquals("base", pulled.name());
    assertTrue(pulled.fromBase());
    assertEquals(-1, pulled.uncompressedSize());
    assertEquals(-1, pulled.files());
    assertEquals(cache.get(built.descriptor().digest()).orElseThrow(), pulled.blob());
    assertEquals(built.descriptor().digest(), Digests.of(pulled.blob()));
    assertTrue(cache.get(image.configDescriptor().digest()).isPresent());
  }

  @Test
  void pullOfAPinnedReferenceChecksTheDigest() throws IOException {
    Image image = pushed("pinned/app", "1.0", Platform.LINUX_AMD64, "pinned");
    String digest = image.manifestDescriptor().digest();
    BaseSource.Registry pinned =
        new BaseSource.Registry(registry().hostPort(), "pinned/app", Optional.of("1.0"), Optional.of(digest));

    BaseImage base = new RegistryImages(INSECURE, cache()).pull(pinned, Platform.LINUX_AMD64, PARAMETER);

    assertEquals(Optional.of(digest), base.digest());
  }

  @Test
  void pinnedDigestTheRegistryDoesNotHaveIsReportedAsNotFound() throws IOException {
    pushed("pinned/missing", "1.0", Platform.LINUX_AMD64, "pinned missing");
    String other = Digests.of("not a manifest".getBytes(StandardCharsets.UTF_8));
    BaseSource.Registry pinned =
        new BaseSource.Registry(registry().hostPort(), "pinned/missing", Optional.of("1.0"), Optional.of(other));

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new RegistryImages(INSECURE, cache()).pull(pinned, Platform.LINUX_AMD64, PARAMETER));

    assertEquals(PARAMETER, e.parameter());
    assertTrue(e.getMessage().contains(pinned.display() + " was not found"), e.getMessage());
  }

  @Test
  void resolveDigestOfATagIsThePushedDigest() throws IOException {
    Image image = pushed("resolve/app", "2.0", Platform.LINUX_AMD64, "resolve");

    String digest = new RegistryImages(INSECURE, cache()).resolveDigest(ref("resolve/app", "2.0"), PARAMETER);

    assertEquals(image.manifestDescriptor().digest(), digest);
  }

  @Test
  void pullChoosesTheAmd64EntryOfAManifestList() throws IOException {
    Image arm = pushed("list/app", "arm", ARM64, "arm64 bits");
    Image amd = pushed("list/app", "amd", Platform.LINUX_AMD64, "amd64 bits");
    String listDigest = TestImages.putManifestList(registry().hostPort(), "list/app", "multi", List.of(arm, amd));
    RegistryImages images = new RegistryImages(INSECURE, cache());

    BaseImage base = images.pull(ref("list/app", "multi"), Platform.LINUX_AMD64, PARAMETER);

    assertEquals(Optional.of(listDigest), base.digest());
    assertEquals(amd.manifestDescriptor().digest(), base.manifestDigest());
    assertEquals(amd.layers().get(0).descriptor().digest(), base.layers().get(0).descriptor().digest());
    assertEquals(listDigest, images.resolveDigest(ref("list/app", "multi"), PARAMETER));
  }

  @Test
  void pullChoosesTheEntryWhoseVariantMatchesWhenSeveralShareTheArchitecture() throws IOException {
    Platform armV6 = new Platform("linux", "arm", Optional.of("v6"));
    Platform armV7 = new Platform("linux", "arm", Optional.of("v7"));
    Image v6 = pushed("variants/app", "v6", armV6, "arm v6");
    Image v7 = pushed("variants/app", "v7", armV7, "arm v7");
    TestImages.putManifestList(registry().hostPort(), "variants/app", "multi", List.of(v6, v7));

    BaseImage base = new RegistryImages(INSECURE, cache()).pull(ref("variants/app", "multi"), armV7, PARAMETER);

    assertEquals(v7.manifestDescriptor().digest(), base.manifestDigest());
  }

  @Test
  void manifestListWithoutTheRequestedPlatformNamesWhatItOffers() throws IOException {
    Image arm = pushed("armonly/app", "arm", ARM64, "only arm");
    TestImages.putManifestList(registry().hostPort(), "armonly/app", "multi", List.of(arm));
    BaseSource.Registry ref = ref("armonly/app", "multi");

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new RegistryImages(INSECURE, cache()).pull(ref, Platform.LINUX_AMD64, PARAMETER));

    assertEquals(PARAMETER, e.parameter());
    assertEquals("<runtimeImage>: " + ref.display() + " has no linux/amd64 image; it offers linux/arm64."
        + " Fix: pick a base that is published for linux/amd64, or set <platforms> to one it offers.",
        e.getMessage());
  }

  @Test
  void singleManifestForAnotherPlatformIsRejected() throws IOException {
    pushed("single/arm", "1", ARM64, "single arm");

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new RegistryImages(INSECURE, cache()).pull(ref("single/arm", "1"), Platform.LINUX_AMD64, PARAMETER));

    assertTrue(e.getMessage().contains("has no linux/amd64 image; it offers linux/arm64/v8"), e.getMessage());
  }

  @Test
  void unknownTagNamesTheReferenceAndHowToFixIt() throws IOException {
    pushed("tags/app", "1.0", Platform.LINUX_AMD64, "tags");
    BaseSource.Registry ref = ref("tags/app", "nope");

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new RegistryImages(INSECURE, cache()).pull(ref, Platform.LINUX_AMD64, PARAMETER));

    assertEquals(PARAMETER, e.parameter());
    assertTrue(e.getMessage().contains(ref.display() + " was not found (manifest unknown)"), e.getMessage());
    assertEquals("check the repository and tag/digest.", e.fix());
  }

  @Test
  void unreachableRegistryIsRetriedWithinTheBudgetThenNamesTheParameterTheTriesAndTheFix() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    BaseSource.Registry ref =
        new BaseSource.Registry("127.0.0.1:" + closedPort, "app", Optional.of("1"), Optional.empty());
    List<String> log = new ArrayList<>();
    RegistryOptions options = RegistryOptions.defaults().withRetryBudget(Duration.ofSeconds(1))
        .withLogs(log::add, m -> {});

    UnavailableException e = assertThrows(UnavailableException.class,
        () -> new RegistryImages(options, cache()).pull(ref, Platform.LINUX_AMD64, PARAMETER));

    String host = "127.0.0.1:" + closedPort;
    assertTrue(e.getMessage().matches(Pattern.quote("<runtimeImage>: cannot pull the runtime base " + ref.display()
        + ": cannot reach registry " + host + " (connection refused, ") + "\\d+ tries over 1\\.\\d s "
        + Pattern.quote("(registryRetryBudget 1.0 s)). Fix: if this machine cannot reach " + host + ", pull "
        + "through a mirror (<registryMirrors><" + host + ">mirror.example.com</" + host + "></registryMirrors>), use "
        + "a base from a file (<runtimeImage>tar:base.tar</runtimeImage> or oci:dir), or build offline (-o) from the "
        + "base cache an earlier online build filled; a plain-HTTP registry also needs <allowInsecureRegistries>true"
        + "</allowInsecureRegistries>; to wait longer for it, raise <registryRetryBudget> "
        + "(-Dmultistage.registryRetryBudget=5m).")), e.getMessage());
    assertFalse(log.isEmpty(), "every retry is logged");
    assertTrue(log.get(0).startsWith("Registry " + host + ": could not authenticate with " + host
        + " (connection refused); trying again in "), log.get(0));
  }

  @Test
  void unknownHostIsNamedInTheMessage() {
    BaseSource.Registry ref =
        new BaseSource.Registry("registry.invalid:5000", "app", Optional.of("1"), Optional.empty());

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new RegistryImages(INSECURE, cache()).resolveDigest(ref, PARAMETER));

    assertTrue(e.getMessage().startsWith("<runtimeImage>: cannot pull the runtime base " + ref.display()
        + ": cannot reach registry registry.invalid:5000 (unknown host)."), e.getMessage());
  }

  @Test
  void plainHttpRegistryWithoutAllowInsecureExplainsTheFix() throws IOException {
    pushed("secure/app", "1", Platform.LINUX_AMD64, "secure");

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new RegistryImages(RegistryOptions.defaults(), cache())
            .pull(ref("secure/app", "1"), Platform.LINUX_AMD64, PARAMETER));

    assertEquals(PARAMETER, e.parameter());
    assertTrue(e.getMessage().contains("registry " + registry().hostPort() + " did not answer over verified HTTPS"),
        e.getMessage());
    assertTrue(e.fix().contains("<allowInsecureRegistries>true</allowInsecureRegistries>"), e.fix());
  }

  @Test
  void corruptedCacheBlobIsDetectedAndFetchedAgain() throws IOException {
    Image image = pushed("corrupt/app", "1", Platform.LINUX_AMD64, "corrupt me");
    BlobCache cache = cache();
    List<String> log = new ArrayList<>();
    RegistryImages images = new RegistryImages(INSECURE.withLogs(log::add, m -> {}), cache);
    Path blob = images.pull(ref("corrupt/app", "1"), Platform.LINUX_AMD64, PARAMETER).layers().get(0).blob();
    Files.writeString(blob, "truncated");

    BaseImage again = images.pull(ref("corrupt/app", "1"), Platform.LINUX_AMD64, PARAMETER);

    String digest = image.layers().get(0).descriptor().digest();
    assertEquals(digest, Digests.of(again.layers().get(0).blob()));
    assertArrayEquals(Files.readAllBytes(image.layers().get(0).blob()), Files.readAllBytes(again.layers().get(0).blob()));
    assertEquals(List.of("Repaired cached blob " + digest + " (" + blob + "): its content did not match its digest; "
        + "fetched it again from registry " + registry().hostPort() + "."), log);
  }

  @Test
  void concurrentPullsOfOneBaseIntoOneCacheFetchEachBlobOnce() throws Exception {
    Image image = pushed("shared/app", "1", Platform.LINUX_AMD64, "pulled by four builds at once");
    BlobCache cache = cache();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<BaseImage>> pulls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        // one RegistryImages per build, as parallel modules have, on one cache directory
        RegistryImages images = new RegistryImages(INSECURE, new BlobCache(dir.resolve("cache")));
        pulls.add(pool.submit(() -> images.pull(ref("shared/app", "1"), Platform.LINUX_AMD64, PARAMETER)));
      }
      for (Future<BaseImage> pull : pulls) {
        assertEquals(image.manifestDescriptor().digest(), pull.get(60, TimeUnit.SECONDS).manifestDigest());
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, MirrorAndOfflinePullTest.blobGets(registry(), image.layers().get(0).descriptor().digest()));
    assertEquals(1, MirrorAndOfflinePullTest.blobGets(registry(), image.configDescriptor().digest()));
    assertTrue(cache.get(image.layers().get(0).descriptor().digest()).isPresent());
  }

  @Test
  void zstdLayersAreRejectedNamingTheParameter() throws IOException {
    Image image = pushed("zstd/app", "gzip", Platform.LINUX_AMD64, "zstd");
    String gzipManifest = new String(image.manifestBytes(), StandardCharsets.UTF_8);
    String zstdManifest = gzipManifest.replace(ImageFormat.DOCKER.layerMediaType,
        "application/vnd.oci.image.layer.v1.tar+zstd");
    assertNotEquals(gzipManifest, zstdManifest);
    TestImages.putManifest(registry().hostPort(), "zstd/app", "zstd", ImageFormat.DOCKER.manifestMediaType,
        zstdManifest.getBytes(StandardCharsets.UTF_8));

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new RegistryImages(INSECURE, cache()).pull(ref("zstd/app", "zstd"), Platform.LINUX_AMD64, PARAMETER));

    assertEquals(PARAMETER, e.parameter());
    assertTrue(e.getMessage().contains("tar+zstd"), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }
}
