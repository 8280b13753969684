package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.BaseImage;
import dev.multistage.image.Digests;
import dev.multistage.image.Image;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.Platform;
import dev.multistage.plan.PullPlan;
import dev.multistage.plan.UnavailableException;
import dev.multistage.testing.FaultProxy;
import dev.multistage.testing.FaultProxy.Fault;
import dev.multistage.testing.LoopbackRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls and pushes through {@link FaultProxy} in front of a real registry: faults shorter than the retry budget are
 * ridden out and the image lands whole; faults longer than it fail with the registry, the tries, the time waited and
 * the budget. Each test is bounded: its faults are, and so is the test.
 */
@Timeout(120)
class RegistryFaultsTest {
  private static final String HTTP_TIMEOUT = "jib.httpTimeout";

  @RegisterExtension static final LoopbackRegistry.ForClass REGISTRY = new LoopbackRegistry.ForClass();

  @TempDir Path dir;

  private FaultProxy proxy;
  private final List<String> info = Collections.synchronizedList(new ArrayList<>());
  private final List<String> debug = Collections.synchronizedList(new ArrayList<>());
  private String httpTimeout;

  private static LoopbackRegistry registry() {
    return REGISTRY.registry();
  }

  @BeforeEach
  void startProxy() throws IOException {
    proxy = FaultProxy.start(registry().hostPort()).logTo(info::add);
    httpTimeout = System.getProperty(HTTP_TIMEOUT);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
    if (httpTimeout == null) {
      System.clearProperty(HTTP_TIMEOUT);
    } else {
      System.setProperty(HTTP_TIMEOUT, httpTimeout);
    }
  }

  private RegistryOptions options(Duration budget) {
    return RegistryOptions.defaults().withAllowInsecure(true).withRetryBudget(budget).withLogs(info::add, debug::add);
  }

  @Test
  void aPushRidesOutTwentySecondsOfRefusedConnectionsMidPushAndTheImageLandsWhole() throws IOException {
    Image image = TestImages.twoLayerImage(dir, 2 << 20);
    AtomicBoolean down = new AtomicBoolean();
    AtomicLong outageStart = new AtomicLong();
    RegistryOptions options = options(RegistryOptions.DEFAULT_RETRY_BUDGET).withLogs(info::add, m -> {
      if (m.startsWith("Uploaded blob") && down.compareAndSet(false, true)) {
        outageStart.set(System.nanoTime());
        proxy.outage(Duration.ofSeconds(20), Fault.REFUSE); // the registry restarts after the first layer is in
      }
    });

    PushResult pushed = new RegistrySink(options).push(image, proxy.hostPort(), "restart/app", List.of("1"),
        Optional.empty());

    double rodeOut = (System.nanoTime() - outageStart.get()) / 1e9;
    System.out.printf("FaultProxy: a push rode out a 20 s refusal outage; it ended %.1f s after the outage began%n",
        rodeOut);
    assertTrue(down.get(), "the outage began mid-push");
    assertTrue(rodeOut >= 20, "the push finished before the registry came back: " + rodeOut);
    assertEquals(image.manifestDescriptor().digest(), pushed.digest());
    assertTrue(retries().stream().allMatch(m -> m.contains("(connection refused)")), retries()::toString);
    assertTrue(retries().size() >= 3, retries()::toString);
    TestImages.assertLandedComplete(registry().hostPort(), "restart/app", "1", image);
  }

  @Test
  void aPushRidesOutServerErrorsResetsALostAnswerARateLimitAndAHangOnEveryKindOfRequest() throws IOException {
    System.setProperty(HTTP_TIMEOUT, "1500"); // the hang is cut off here
    Image image = TestImages.twoLayerImage(dir, 2 << 20);
    proxy.failNext(1, Fault.TOO_MANY_REQUESTS, line -> line.startsWith("HEAD "));
    proxy.failNext(1, Fault.ERROR_500, line -> line.startsWith("POST "));
    proxy.failNext(1, Fault.RESET, line -> line.startsWith("PATCH ")); // the upload is cut off mid-way
    proxy.failNext(1, Fault.RESET_MID_BODY, line -> line.startsWith("PUT ") && line.contains("/blobs/uploads/"));
    proxy.failNext(1, Fault.HANG, line -> line.startsWith("PUT ") && line.contains("/manifests/"));

    PushResult pushed = new RegistrySink(options(Duration.ofSeconds(30))).push(image, proxy.hostPort(), "faults/app",
        List.of("1", "latest"), Optional.empty());

    assertEquals(image.manifestDescriptor().digest(), pushed.digest());
    for (Fault fault : List.of(Fault.TOO_MANY_REQUESTS, Fault.ERROR_500, Fault.RESET, Fault.RESET_MID_BODY,
        Fault.HANG)) {
      assertEquals(1, proxy.injected(fault), fault + " was not injected: " + proxy.injected());
    }
    String retries = String.join("\n", retries());
    assertTrue(retries.contains("(HTTP 429, Retry-After 1.0 s); trying again in 1.0 s"), retries);
    assertTrue(retries.contains("(HTTP 500)"), retries);
    assertTrue(retries.contains("(timed out)"), retries);
    assertEquals(5, retries().size(), retries);
    TestImages.assertLandedComplete(registry().hostPort(), "faults/app", "1", image);
    TestImages.assertLandedComplete(registry().hostPort(), "faults/app", "latest", image);
  }

  @Test
  void aPullRidesOutServerErrorsABodyCutOffMidWayASlowBodyAndARateLimitLeavingNoTempFiles() throws IOException {
    Image base = TestImages.twoLayerImage(dir, 2 << 20);
    new RegistrySink(options(Duration.ZERO)).push(base, registry().hostPort(), "base/app", List.of("1"),
        Optional.empty());
    proxy.failNext(2, Fault.ERROR_500, line -> line.contains("/manifests/"));
    proxy.failNext(1, Fault.RESET_MID_BODY, line -> line.startsWith("GET ") && line.contains("/blobs/"));
    proxy.failNext(1, Fault.SLOW_BODY, line -> line.startsWith("GET ") && line.contains("/blobs/"));
    proxy.failNext(1, Fault.TOO_MANY_REQUESTS, line -> line.startsWith("GET ") && line.contains("/blobs/"));
    BlobCache cache = new BlobCache(dir.resolve("cache"));

    BaseImage pulled = new RegistryImages(options(Duration.ofSeconds(30)), cache).pull(
        new BaseSource.Registry(proxy.hostPort(), "base/app", Optional.of("1"), Optional.empty()),
        Platform.LINUX_AMD64, "runtimeImage");

    assertEquals(base.manifestDescriptor().digest(), pulled.manifestDigest());
    for (int i = 0; i < base.layers().size(); i++) {
      assertEquals(base.layers().get(i).descriptor().digest(), Digests.of(pulled.layers().get(i).blob()));
    }
    assertEquals(4, retries().size(), String.join("\n", retries()));
    assertEquals(1, proxy.injected(Fault.SLOW_BODY));
    try (Stream<Path> files = Files.list(cache.directory())) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(),
          "a download cut off mid-way leaves nothing behind");
    }
  }

  @Test
  void serverErrorsThatOutlastTheBudgetFailThePushNamingTriesTimeWaitedAndBudgetAndChangeNoTag() throws IOException {
    Image image = TestImages.twoLayerImage(dir, 1 << 20);
    AtomicLong outageStart = new AtomicLong();
    RegistryOptions options = options(Duration.ofSeconds(3)).withLogs(info::add, m -> {
      if (m.startsWith("Uploaded blob") && outageStart.compareAndSet(0, System.nanoTime())) {
        proxy.outage(Duration.ofSeconds(30), Fault.ERROR_500); // a bad half minute, mid-push
      }
    });

    UnavailableException e = assertThrows(UnavailableException.class, () -> new RegistrySink(options)
        .push(image, proxy.hostPort(), "outage/app", List.of("1"), Optional.empty()));

    double took = (System.nanoTime() - outageStart.get()) / 1e9;
    assertTrue(took >= 3 && took < 10, "took " + took + " s");
    assertTrue(e.getMessage().matches("<to>: registry " + proxy.hostPort().replace(".", "\\.") + " answered HTTP 500 "
        + "while trying to push " + proxy.hostPort().replace(".", "\\.") + "/outage/app:1, \\d+ tries over 3\\.\\d s "
        + "\\(registryRetryBudget 3\\.0 s\\)\\. No tag was changed \\(the manifest is pushed last\\); pushing again "
        + "sends only the blobs still missing\\. Fix: try again later; if it persists, check the registry's health "
        + "and rate limits; to wait longer for it, raise <registryRetryBudget> "
        + "\\(-Dmultistage\\.registryRetryBudget=5m\\)\\."), e.getMessage());
    assertEquals(404, manifestStatus("outage/app", "1"), "no tag points at a half-pushed image");

    proxy.clear();
    new RegistrySink(options(Duration.ZERO)).push(image, proxy.hostPort(), "outage/app", List.of("1"),
        Optional.empty());
    TestImages.assertLandedComplete(registry().hostPort(), "outage/app", "1", image);
  }

  @Test
  void aRegistryThatRefusesLongerThanTheBudgetFailsThePullNamingTriesTimeWaitedAndBudget() {
    proxy.outage(Duration.ofSeconds(30), Fault.REFUSE);
    BaseSource.Registry ref = new BaseSource.Registry(proxy.hostPort(), "base/app", Optional.of("1"),
        Optional.empty());

    UnavailableException e = assertThrows(UnavailableException.class, () -> new RegistryImages(
        options(Duration.ofSeconds(2)), new BlobCache(dir.resolve("cache"))).pull(ref, Platform.LINUX_AMD64,
        "runtimeImage"));

    assertTrue(e.getMessage().startsWith("<runtimeImage>: cannot pull the runtime base " + ref.display()
        + ": cannot reach registry " + proxy.hostPort() + " (connection refused, "), e.getMessage());
    assertTrue(e.getMessage().matches(".* \\d+ tries over 2\\.\\d s \\(registryRetryBudget 2\\.0 s\\)\\)\\. Fix: .*"
        + "raise <registryRetryBudget> \\(-Dmultistage\\.registryRetryBudget=5m\\)\\."), e.getMessage());
  }

  @Test
  void aRegistryThatHangsIsCutOffByTheHttpTimeoutAndTheFixNamesTheBudgetNotPlainHttp() {
    System.setProperty(HTTP_TIMEOUT, "1000");
    proxy.outage(Duration.ofSeconds(30), Fault.HANG);
    Image image;
    try {
      image = TestImages.image(dir, Platform.LINUX_AMD64, "hung");
    } catch (IOException e) {
      throw new AssertionError(e);
    }

    UnavailableException e = assertThrows(UnavailableException.class, () -> new RegistrySink(options(
        Duration.ofSeconds(2))).push(image, proxy.hostPort(), "hung/app", List.of("1"), Optional.empty()));

    assertTrue(e.getMessage().matches("<to>: cannot reach registry " + proxy.hostPort().replace(".", "\\.")
        + " \\(timed out, \\d+ tries over \\d\\.\\d s \\(registryRetryBudget 2\\.0 s\\)\\)\\. Fix: check the host "
        + "and port, and that the registry is up; to wait longer for it, raise <registryRetryBudget> "
        + "\\(-Dmultistage\\.registryRetryBudget=5m\\)\\."), e.getMessage());
    assertFalse(e.getMessage().contains("allowInsecureRegistries"), "it is already set: " + e.getMessage());
  }

  @Test
  void aMirrorAnsweringServerErrorsGetsATenthOfTheBudgetThenTheRegistryItselfServes() throws IOException {
    Image base = TestImages.image(dir, Platform.LINUX_AMD64, "mirrored");
    new RegistrySink(options(Duration.ZERO)).push(base, registry().hostPort(), "mirrored/app", List.of("1"),
        Optional.empty());
    proxy.outage(Duration.ofSeconds(30), Fault.ERROR_500); // the mirror is the proxy, the registry is reached directly
    BaseSource.Registry ref = new BaseSource.Registry(registry().hostPort(), "mirrored/app", Optional.of("1"),
        Optional.empty());
    long start = System.nanoTime();

    BaseImage pulled = new RegistryImages(options(Duration.ofSeconds(10)), new BlobCache(dir.resolve("cache")),
        new PullPlan(Map.of(registry().hostPort(), List.of(proxy.hostPort())), false))
        .pull(ref, Platform.LINUX_AMD64, "runtimeImage");

    double took = (System.nanoTime() - start) / 1e9;
    assertEquals(base.manifestDescriptor().digest(), pulled.manifestDigest());
    assertTrue(took >= 1 && took < 6, "took " + took + " s: a tenth of the 10 s budget, then the registry");
    String mirror = info.stream().filter(m -> m.startsWith("Mirror ")).findFirst().orElseThrow();
    assertTrue(mirror.matches("Mirror " + proxy.hostPort().replace(".", "\\.") + " of .* could not serve .*answered "
        + "HTTP 500 .*, \\d+ tries over 1\\.\\d s \\(a mirror's tenth of registryRetryBudget 1\\.0 s\\)\\); trying the "
        + "next source\\."), mirror);
    assertTrue(info.contains("Base " + ref.display() + " from registry " + registry().hostPort() + "."), info::toString);
  }

  /** The retry lines of the log, one per retry. */
  private List<String> retries() {
    synchronized (info) {
      return info.stream().filter(m -> m.contains("; trying again in ")).toList();
    }
  }

  private static int manifestStatus(String repository, String tag) throws IOException {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://" + registry().hostPort() + "/v2/" + repository + "/manifests/" + tag)).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
