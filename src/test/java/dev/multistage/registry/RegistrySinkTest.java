package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.Image;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.testing.LoopbackRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

class RegistrySinkTest {
  private static final RegistryOptions INSECURE = RegistryOptions.defaults().withAllowInsecure(true);

  @TempDir Path dir;

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AnonymousRegistry {
    private LoopbackRegistry registry;

    @BeforeAll
    void startRegistry() {
      registry = LoopbackRegistry.start();
    }

    @AfterAll
    void stopRegistry() {
      if (registry != null) {
        registry.close();
      }
    }

    @Test
    void firstPushUploadsEveryBlobAndTheManifestUnderEveryTag() throws IOException {
      Image image = TestImages.image(dir, Platform.LINUX_AMD64, "first");

      PushResult result = new RegistrySink(INSECURE)
          .push(image, registry.hostPort(), "first/app", List.of("1.0", "latest"), Optional.empty());

      assertEquals(registry.hostPort() + "/first/app", result.reference());
      assertEquals(image.manifestDescriptor().digest(), result.digest());
      assertEquals(List.of("1.0", "latest"), result.tags());
      assertEquals(2, result.uploaded()); // one layer and the config
      assertEquals(0, result.skipped());
      RegistryImages images = new RegistryImages(INSECURE, new BlobCache(dir.resolve("cache")));
      for (String tag : result.tags()) {
        assertEquals(result.digest(), images.resolveDigest(new BaseSource.Registry(registry.hostPort(), "first/app",
            Optional.of(tag), Optional.empty()), "runtimeImage"));
      }
    }

    @Test
    void secondPushUploadsNothing() throws IOException {
      Image image = TestImages.image(dir, Platform.LINUX_AMD64, "twice");
      RegistrySink sink = new RegistrySink(INSECURE);
      sink.push(image, registry.hostPort(), "twice/app", List.of("1"), Optional.empty());

      PushResult again = sink.push(image, registry.hostPort(), "twice/app", List.of("1"), Optional.empty());

      assertEquals(0, again.uploaded());
      assertEquals(0, again.mounted());
      assertEquals(image.layers().size() + 1, again.skipped());
      assertEquals(image.manifestDescriptor().digest(), again.digest());
    }

    @Test
    void missingBlobsAreMountedFromTheBaseRepositoryOfTheSameRegistry() throws IOException {
      Image image = TestImages.image(dir, Platform.LINUX_AMD64, "mounted");
      RegistrySink sink = new RegistrySink(INSECURE);
      sink.push(image, registry.hostPort(), "mount/base", List.of("1"), Optional.empty());

      PushResult result = sink.push(image, registry.hostPort(), "mount/app", List.of("1"),
          Optional.of(registry.hostPort() + "/mount/base"));

      assertEquals(0, result.uploaded());
      assertEquals(2, result.mounted());
    }

    @Test
    void pushWithoutTagsPushesByDigest() throws IOException {
      Image image = TestImages.image(dir, Platform.LINUX_AMD64, "untagged");

      PushResult result = new RegistrySink(INSECURE)
          .push(image, registry.hostPort(), "untagged/app", List.of(), Optional.empty());

      BaseSource.Registry pinned = new BaseSource.Registry(registry.hostPort(), "untagged/app", Optional.empty(),
          Optional.of(result.digest()));
      assertEquals(result.digest(), new RegistryImages(INSECURE, new BlobCache(dir.resolve("cache")))
          .resolveDigest(pinned, "runtimeImage"));
    }

    @Test
    void infoLogSaysWhatWasPushed() throws IOException {
      List<String> info = new ArrayList<>();
      Image image = TestImages.image(dir, Platform.LINUX_AMD64, "logged");

      new RegistrySink(INSECURE.withLogs(info::add, m -> {}))
          .push(image, registry.hostPort(), "logged/app", List.of("1"), Optional.empty());

      assertEquals(1, info.size());
      assertTrue(info.get(0).contains(image.manifestDescriptor().digest()), info.get(0));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AuthenticatedRegistry {
    private LoopbackRegistry registry;

    @BeforeAll
    void startRegistry() {
      registry = LoopbackRegistry.builder().withHtpasswd("ci", "s3cret-pw").start();
    }

    @AfterAll
    void stopRegistry() {
      if (registry != null) {
        registry.close();
      }
    }

    @Test
    void pushAndPullWithExplicitCredentials() throws IOException {
      RegistryOptions options = INSECURE.withCredential(registry.hostPort(), new RegistryCredential("ci", "s3cret-pw"));
      Image image = TestImages.image(dir, Platform.LINUX_AMD64, "authenticated");

      PushResult result = new RegistrySink(options)
          .push(image, registry.hostPort(), "auth/app", List.of("1"), Optional.empty());
      var base = new RegistryImages(options, new BlobCache(dir.resolve("cache"))).pull(
          new BaseSource.Registry(registry.hostPort(), "auth/app", Optional.of("1"), Optional.empty()),
          Platform.LINUX_AMD64, "runtimeImage");

      assertEquals(result.digest(), base.manifestDigest());
    }

    @Test
    void wrongPasswordNamesTheRegistryRepositoryAndCredentialSource() throws IOException {
      RegistryOptions options = INSECURE.withCredential(registry.hostPort(), new RegistryCredential("ci", "wrong-pw"));
      Image image = TestImages.image(dir, Platform.LINUX_AMD64, "denied");

      InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new RegistrySink(options)
          .push(image, registry.hostPort(), "denied/app", List.of("1"), Optional.empty()));

      assertEquals("to", e.parameter());
      assertTrue(e.getMessage().contains("registry " + registry.hostPort()), e.getMessage());
      assertTrue(e.getMessage().contains("denied/app"), e.getMessage());
      assertTrue(e.getMessage().contains("settings.xml"), e.getMessage());
      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong-pw"), e.getMessage());
    }
  }

  @Test
  void unreachableRegistryOnPushNamesTo() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Image image = TestImages.image(dir, Platform.LINUX_AMD64, "nowhere");

    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new RegistrySink(INSECURE)
        .push(image, "127.0.0.1:" + closedPort, "app", List.of("1"), Optional.empty()));

    assertEquals("to", e.parameter());
    assertTrue(e.getMessage().startsWith("<to>: cannot reach registry 127.0.0.1:" + closedPort
        + " (connection refused)."), e.getMessage());
  }

  @Test
  void mountSourceOnAnotherRegistryIsIgnored() {
    assertEquals(Optional.empty(), RegistrySink.sameRegistryRepository("ghcr.io/acme/base", "127.0.0.1:5000"));
    assertEquals(Optional.of("acme/base"), RegistrySink.sameRegistryRepository("ghcr.io/acme/base", "ghcr.io"));
    assertEquals(Optional.of("acme/base"), RegistrySink.sameRegistryRepository("acme/base", "ghcr.io"));
  }
}
