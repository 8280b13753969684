package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.BaseImage;
import dev.multistage.image.Digests;
import dev.multistage.image.Image;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.plan.PullPlan;
import dev.multistage.testing.LoopbackRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls through registry mirrors and offline from the cache, against real loopback registries: the origin, a mirror
 * that holds the base, an empty mirror (404 for everything) and closed ports for registries that are down.
 */
class MirrorAndOfflinePullTest {
  private static final String PARAMETER = "runtimeImage";

  @TempDir Path dir;

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private RegistryOptions options() {
    return RegistryOptions.defaults().withAllowInsecure(true).withLogs(log::add, message -> {});
  }

  private RegistryImages images(PullPlan pulls, String cache) {
    return new RegistryImages(options(), new BlobCache(dir.resolve(cache)), pulls);
  }

  private Image pushTo(LoopbackRegistry registry, String repository, String content) throws IOException {
    Image image = TestImages.image(dir.resolve("build-" + content.hashCode()), Platform.LINUX_AMD64, content);
    new RegistrySink(RegistryOptions.defaults().withAllowInsecure(true))
        .push(image, registry.hostPort(), repository, List.of("1"), Optional.empty());
    return image;
  }

  private static BaseSource.Registry pinned(String registry, String repository, Image image) {
    return new BaseSource.Registry(registry, repository, Optional.of("1"),
        Optional.of(image.manifestDescriptor().digest()));
  }

  private static String closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  private static PullPlan mirrors(String registry, String... mirrors) {
    return new PullPlan(Map.of(registry, List.of(mirrors)), false);
  }

  @Test
  void mirrorServesThePinnedBaseWhileTheOriginIsDown() throws IOException {
    try (LoopbackRegistry mirror = LoopbackRegistry.start()) {
      Image image = pushTo(mirror, "library/app", "served by the mirror");
      String origin = closedPort();
      BaseSource.Registry ref = pinned(origin, "library/app", image);

      BaseImage base = images(mirrors(origin, mirror.hostPort()), "cache").pull(ref, Platform.LINUX_AMD64, PARAMETER);

      assertEquals(image.manifestDescriptor().digest(), base.manifestDigest());
      assertEquals(origin + "/library/app:1@" + image.manifestDescriptor().digest(), base.pinnedReference());
      assertEquals(image.layers().get(0).descriptor().digest(), Digests.of(base.layers().get(0).blob()));
      assertEquals(List.of("Base " + ref.display() + " from mirror " + mirror.hostPort() + " of " + origin + "."),
          log);
    }
  }

  @Test
  void mirrorWithAPathPrefixesTheRepository() throws IOException {
    try (LoopbackRegistry mirror = LoopbackRegistry.start()) {
      Image image = pushTo(mirror, "hub-proxy/library/app", "behind a path");
      String origin = closedPort();

      BaseImage base = images(mirrors(origin, mirror.hostPort() + "/hub-proxy"), "cache")
          .pull(pinned(origin, "library/app", image), Platform.LINUX_AMD64, PARAMETER);

      assertEquals(image.manifestDescriptor().digest(), base.manifestDigest());
    }
  }

  @Test
  void mirrorAnswering404AndAnUnreachableOneAreSkippedForTheOrigin() throws IOException {
    try (LoopbackRegistry origin = LoopbackRegistry.start(); LoopbackRegistry empty = LoopbackRegistry.start()) {
      Image image = pushTo(origin, "team/app", "only at the origin");
      String down = closedPort();
      BaseSource.Registry ref = pinned(origin.hostPort(), "team/app", image);

      BaseImage base = images(mirrors(origin.hostPort(), down, empty.hostPort()), "cache")
          .pull(ref, Platform.LINUX_AMD64, PARAMETER);

      assertEquals(image.manifestDescriptor().digest(), base.manifestDigest());
      assertEquals(3, log.size(), log::toString);
      assertTrue(log.get(0).startsWith("Mirror " + down + " of " + origin.hostPort() + " could not serve "
          + ref.display() + " (cannot pull the runtime base " + ref.display() + ": cannot reach registry " + down
          + " (connection refused))"), log.get(0));
      assertTrue(log.get(0).endsWith("skipping it for the rest of this build."), log.get(0));
      assertEquals("Mirror " + empty.hostPort() + " of " + origin.hostPort() + " could not serve " + ref.display()
          + " (" + ref.display() + " was not found (manifest unknown)); trying the next source.", log.get(1));
      assertEquals("Base " + ref.display() + " from registry " + origin.hostPort() + ".", log.get(2));
      assertEquals(0, blobGets(empty), "the empty mirror answered the manifest with 404, so no blob was asked for");
    }
  }

  @Test
  void anUnreachableMirrorIsNamedOnceAndThenSkipped() throws IOException {
    try (LoopbackRegistry origin = LoopbackRegistry.start()) {
      Image first = pushTo(origin, "team/one", "first base");
      Image second = pushTo(origin, "team/two", "second base");
      String down = closedPort();
      RegistryImages images = images(mirrors(origin.hostPort(), down), "cache");

      images.pull(pinned(origin.hostPort(), "team/one", first), Platform.LINUX_AMD64, PARAMETER);
      images.pull(pinned(origin.hostPort(), "team/two", second), Platform.LINUX_AMD64, PARAMETER);

      assertEquals(1, log.stream().filter(line -> line.contains(down)).count(), log::toString);
    }
  }

  @Test
  void pushesIgnoreMirrorsAndGoToTheirRegistry() throws IOException {
    try (LoopbackRegistry origin = LoopbackRegistry.start(); LoopbackRegistry mirror = LoopbackRegistry.start()) {
      Image image = pushTo(origin, "team/app", "pushed to the origin");

      assertEquals(image.manifestDescriptor().digest(), images(PullPlan.direct(), "cache")
          .resolveDigest(pinned(origin.hostPort(), "team/app", image), PARAMETER));
      assertEquals(0, blobGets(mirror) + requests(mirror, "PUT") + requests(mirror, "POST"));
    }
  }

  @Test
  void offlinePullOfACachedPinnedManifestListNeedsNoRegistry() throws IOException {
    Image arm = TestImages.image(dir.resolve("arm"), new Platform("linux", "arm64", Optional.of("v8")), "arm");
    Image amd = TestImages.image(dir.resolve("amd"), Platform.LINUX_AMD64, "amd");
    BaseSource.Registry ref;
    BaseImage online;
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      RegistrySink sink = new RegistrySink(RegistryOptions.defaults().withAllowInsecure(true));
      sink.push(arm, registry.hostPort(), "multi/app", List.of("arm"), Optional.empty());
      sink.push(amd, registry.hostPort(), "multi/app", List.of("amd"), Optional.empty());
      String list = TestImages.putManifestList(registry.hostPort(), "multi/app", "1", List.of(arm, amd));
      ref = new BaseSource.Registry(registry.hostPort(), "multi/app", Optional.of("1"), Optional.of(list));
      online = images(PullPlan.direct(), "cache").pull(ref, Platform.LINUX_AMD64, PARAMETER);
    }

    BaseImage offline = images(PullPlan.direct().withOffline(true), "cache").pull(ref, Platform.LINUX_AMD64,
        PARAMETER);

    assertEquals(online.digest(), offline.digest());
    assertEquals(amd.manifestDescriptor().digest(), offline.manifestDigest());
    assertArrayEquals(online.config().toBytes(), offline.config().toBytes());
    assertEquals(online.layers(), offline.layers());
    assertEquals("Base " + ref.display() + " from the local cache " + dir.resolve("cache/blobs/sha256") + ".",
        log.get(log.size() - 1));
  }

  @Test
  void onlinePullOfACompleteCachedPinnedBaseAsksNoRegistry() throws IOException {
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      Image image = pushTo(registry, "cached/app", "cached once");
      BaseSource.Registry ref = pinned(registry.hostPort(), "cached/app", image);
      images(PullPlan.direct(), "cache").pull(ref, Platform.LINUX_AMD64, PARAMETER);
      long manifestGets = requests(registry, "GET");

      images(PullPlan.direct(), "cache").pull(ref, Platform.LINUX_AMD64, PARAMETER);

      assertEquals(manifestGets, requests(registry, "GET"), "the second pull sent a request");
    }
  }

  @Test
  void corruptedCachedLayerOfAPinnedBaseIsFetchedAgainAndTheRepairIsLoggedOnce() throws IOException {
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      Image image = pushTo(registry, "corrupt/app", "bit rot");
      BaseSource.Registry ref = pinned(registry.hostPort(), "corrupt/app", image);
      Path blob = images(PullPlan.direct(), "cache").pull(ref, Platform.LINUX_AMD64, PARAMETER).layers().get(0)
          .blob();
      Files.writeString(blob, "truncated");
      log.clear();

      BaseImage again = images(PullPlan.direct(), "cache").pull(ref, Platform.LINUX_AMD64, PARAMETER);

      String digest = image.layers().get(0).descriptor().digest();
      assertEquals(digest, Digests.of(again.layers().get(0).blob()));
      assertEquals(2, blobGets(registry, digest));
      assertEquals(List.of("Repaired cached blob " + digest + " (" + blob + "): its content did not match its "
          + "digest; fetched it again from registry " + registry.hostPort() + "."),
          log.stream().filter(m -> m.startsWith("Repaired")).toList());
    }
  }

  @Test
  void offlineWithoutTheBaseInTheCacheNamesItAndSaysToBuildOnceOnline() throws IOException {
    String registry = closedPort();
    BaseSource.Registry ref = new BaseSource.Registry(registry, "team/app", Optional.of("1"),
        Optional.of("sha256:" + "a".repeat(64)));

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> images(PullPlan.direct().withOffline(true), "empty").pull(ref, Platform.LINUX_AMD64, PARAMETER));

    assertEquals("<runtimeImage>: Maven is offline (-o), and " + ref.display() + " is not complete in the local "
        + "base cache " + dir.resolve("empty/blobs/sha256") + " (manifest sha256:" + "a".repeat(64) + " is not in "
        + "the cache). Fix: run the build once online (without -o) to fill the cache, then build offline.",
        e.getMessage());
  }

  @Test
  void offlineWithACorruptedCachedLayerSaysItWasCorruptAndRemovedWithItsPathAndWhatToDo() throws IOException {
    BaseSource.Registry ref;
    Image image;
    Path blob;
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      image = pushTo(registry, "rot/app", "rots offline");
      ref = pinned(registry.hostPort(), "rot/app", image);
      blob = images(PullPlan.direct(), "cache").pull(ref, Platform.LINUX_AMD64, PARAMETER).layers().get(0).blob();
      Files.writeString(blob, "truncated");
    }

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> images(PullPlan.direct().withOffline(true), "cache").pull(ref, Platform.LINUX_AMD64, PARAMETER));

    assertEquals("<runtimeImage>: Maven is offline (-o), and the cached blob " + image.layers().get(0).descriptor()
        .digest() + " was corrupt (its content did not match its digest) and has been removed (" + blob + "); "
        + ref.display() + " is no longer complete in the local base cache " + dir.resolve("cache/blobs/sha256")
        + ". Fix: build once online (without -o) to fetch it again, then build offline; if it is found corrupt "
        + "again, check the disk that holds the cacheDirectory.", e.getMessage());
    assertFalse(Files.exists(blob), "the corrupt entry is gone");
  }

  @Test
  void offlineTagOnlyReferenceCannotBeResolved() throws IOException {
    BaseSource.Registry ref = new BaseSource.Registry(closedPort(), "team/app", Optional.of("1"), Optional.empty());

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> images(PullPlan.direct().withOffline(true), "cache").resolveDigest(ref, PARAMETER));

    assertEquals("<runtimeImage>: Maven is offline (-o), and the tag of '" + ref.display() + "' cannot be resolved "
        + "without the registry. Fix: pin the base by digest (" + ref.name() + "@sha256:…), or build without -o.",
        e.getMessage());
  }

  /** GETs of blobs in the registry's access log, whatever their answer. */
  static long blobGets(LoopbackRegistry registry) throws IOException {
    return blobGets(registry, "");
  }

  static long blobGets(LoopbackRegistry registry, String digest) throws IOException {
    return requests(registry, "GET", "/v2/\\S+/blobs/" + Pattern.quote(digest) + "\\S*");
  }

  /** Requests other than the {@code /v2/} ping. */
  static long requests(LoopbackRegistry registry, String method) throws IOException {
    return requests(registry, method, "/v2/\\S+");
  }

  /** Lines of distribution's access log, {@code "GET /v2/team/app/blobs/sha256:… HTTP/1.1" 200}, that match. */
  static long requests(LoopbackRegistry registry, String method, String pathRegex) throws IOException {
    Pattern request = Pattern.compile("\"" + method + " " + pathRegex + " HTTP/1\\.1\" \\d{3} ");
    return Files.readAllLines(registry.logFile()).stream().filter(line -> request.matcher(line).find()).count();
  }
}
