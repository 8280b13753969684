package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.Image;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
import dev.multistage.plan.Platform;
import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.Requirements;
import dev.multistage.testing.TlsRegistry;
import dev.multistage.testing.TrustedCertificate;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  /** HTTPS with a self-signed certificate the JVM trusts (no allowInsecure), htpasswd basic auth. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class TlsRegistryWithBasicAuth {
    private static final String USER = "ci";
    private static final String PASSWORD = "tls-s3cret-pw";

    @RegisterExtension
    final TlsRegistry.ForClass tls = new TlsRegistry.ForClass(USER, PASSWORD);
    private LoopbackRegistry registry;
    private final List<String> log = new ArrayList<>();
    private final RegistryOptions secure = RegistryOptions.defaults().withLogs(log::add, log::add);

    @BeforeAll
    void useRegistry() {
      registry = tls.registry();
    }

    @Test
    void pushesWithSettingsXmlCredentials() throws IOException {
      RegistryOptions options = secure.withCredential(registry.hostPort(), new RegistryCredential(USER, PASSWORD));

      PushResult result = new RegistrySink(options).push(TestImages.image(dir, Platform.LINUX_AMD64, "settings"),
          registry.hostPort(), "tls/settings", List.of("1"), Optional.empty());

      assertServes(options, "tls/settings", result);
      assertNoPasswordIn(log);
    }

    @Test
    void pushesWithEnvironmentCredentialsForThePushTarget() throws IOException {
      RegistryOptions options = secure.withEnvironmentCredentialsFor(registry.hostPort());
      CredentialLookup lookup = new CredentialLookup(Map.of(), Map.of(CredentialLookup.USERNAME_ENV, USER,
          CredentialLookup.PASSWORD_ENV, PASSWORD), options.environmentCredentialRegistries(),
          dir.resolve("no-docker-config.json"), options.debug());

      PushResult result = new RegistrySink(options, lookup).push(TestImages.image(dir, Platform.LINUX_AMD64, "env"),
          registry.hostPort(), "tls/env", List.of("1"), Optional.empty());

      assertEquals(registry.hostPort() + "/tls/env", result.reference());
      assertTrue(log.stream().anyMatch(l -> l.contains(CredentialLookup.USERNAME_ENV)), log::toString);
      assertNoPasswordIn(log);
    }

    @Test
    void pushesWithDockerConfigJson() throws IOException {
      Path config = dir.resolve("docker/config.json");
      Files.createDirectories(config.getParent());
      Files.writeString(config, "{\"auths\":{\"" + registry.hostPort() + "\":{\"auth\":\""
          + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\"}}}");
      CredentialLookup lookup = new CredentialLookup(Map.of(), Map.of(), Set.of(), config, secure.debug());

      PushResult result = new RegistrySink(secure, lookup).push(TestImages.image(dir, Platform.LINUX_AMD64, "docker"),
          registry.hostPort(), "tls/docker", List.of("1"), Optional.empty());

      assertEquals(registry.hostPort() + "/tls/docker", result.reference());
      assertTrue(log.stream().anyMatch(l -> l.contains("Docker's config")), log::toString);
      assertNoPasswordIn(log);
    }

    @Test
    void withoutCredentialsFailsNamingRegistryRepositoryAndCredentialSource() throws IOException {
      CredentialLookup nothing = new CredentialLookup(Map.of(), Map.of(), Set.of(), dir.resolve("none.json"),
          secure.debug());
      Image image = TestImages.image(dir, Platform.LINUX_AMD64, "anonymous");

      InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new RegistrySink(secure,
          nothing).push(image, registry.hostPort(), "tls/anonymous", List.of("1"), Optional.empty()));

      assertEquals("to", e.parameter());
      assertTrue(e.getMessage().contains("registry " + registry.hostPort()), e.getMessage());
      assertTrue(e.getMessage().contains("repository tls/anonymous"), e.getMessage());
      assertTrue(e.getMessage().contains("anonymous access"), e.getMessage());
      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    }

    @Test
    void environmentCredentialsForAnotherRegistryAreNotSent() throws IOException {
      CredentialLookup lookup = new CredentialLookup(Map.of(), Map.of(CredentialLookup.USERNAME_ENV, USER,
          CredentialLookup.PASSWORD_ENV, PASSWORD), Set.of("ghcr.io"), dir.resolve("none.json"), secure.debug());
      Image image = TestImages.image(dir, Platform.LINUX_AMD64, "elsewhere");

      InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new RegistrySink(secure,
          lookup).push(image, registry.hostPort(), "tls/elsewhere", List.of("1"), Optional.empty()));

      assertTrue(e.getMessage().contains("anonymous access"), e.getMessage());
    }

    @Test
    void registryKilledMidPushFailsClearlyLeavesNoTagAndTheSamePushCompletesAfterRestart(@TempDir Path work)
        throws IOException {
      Requirements.assumeTools("skopeo");
      try (LoopbackRegistry crashing = LoopbackRegistry.builder().withTls().withHtpasswd(USER, PASSWORD).start();
          TrustedCertificate trusted = TrustedCertificate.trustInThisJvm(crashing.caCertificate(), work)) {
        Image image = TestImages.twoLayerImage(dir, 8 << 20);
        AtomicInteger uploads = new AtomicInteger();
        List<String> messages = new ArrayList<>();
        // a registry that stays down longer than the budget
        RegistryOptions options = RegistryOptions.defaults().withRetryBudget(Duration.ofSeconds(2))
            .withCredential(crashing.hostPort(), new RegistryCredential(USER, PASSWORD))
            .withLogs(messages::add, m -> {
              messages.add(m);
              if (m.startsWith("Uploaded blob") && uploads.incrementAndGet() == 1) {
                crashing.kill(); // the first layer is in; the registry dies before the rest
              }
            });

        UnavailableException e = assertThrows(UnavailableException.class, () -> new RegistrySink(options)
            .push(image, crashing.hostPort(), "crash/app", List.of("1.0"), Optional.empty()));

        assertEquals("to", e.parameter());
        assertTrue(e.getMessage().contains("registry " + crashing.hostPort()), e.getMessage());
        assertTrue(e.getMessage().contains("No tag was changed"), e.getMessage());
        crashing.restart();
        assertEquals(404, TestImages.manifestStatus(crashing, "crash/app", "1.0", USER, PASSWORD),
            "the tag must not exist after the failed push");

        PushResult again = new RegistrySink(options).push(image, crashing.hostPort(), "crash/app", List.of("1.0"),
            Optional.empty());

        assertEquals(image.manifestDescriptor().digest(), again.digest());
        assertEquals(1, again.skipped(), "the layer uploaded before the crash is not sent again");
        assertEquals(2, again.uploaded(), "the second layer and the config");
        TestImages.assertPullsIntact(crashing, "crash/app:1.0", USER, PASSWORD, work.resolve("pulled"), image);
        assertNoPasswordIn(messages);
      }
    }

    private void assertServes(RegistryOptions options, String repository, PushResult result) {
      String digest = new RegistryImages(options, new BlobCache(dir.resolve("cache"))).resolveDigest(
          new BaseSource.Registry(registry.hostPort(), repository, Optional.of("1"), Optional.empty()), "runtimeImage");
      assertEquals(result.digest(), digest);
    }

    private void assertNoPasswordIn(List<String> messages) {
      for (String message : messages) {
        assertFalse(message.contains(PASSWORD), message);
      }
    }
  }

  @Test
  void unreachableRegistryOnPushNamesTo() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Image image = TestImages.image(dir, Platform.LINUX_AMD64, "nowhere");

    UnavailableException e = assertThrows(UnavailableException.class, () -> new RegistrySink(INSECURE
        .withRetryBudget(Duration.ofSeconds(1))).push(image, "127.0.0.1:" + closedPort, "app", List.of("1"),
            Optional.empty()));

    assertEquals("to", e.parameter());
    assertTrue(e.getMessage().startsWith("<to>: cannot reach registry 127.0.0.1:" + closedPort
        + " (connection refused, "), e.getMessage());
    assertTrue(e.getMessage().contains(" (registryRetryBudget 1.0 s))."), e.getMessage());
  }

  @Test
  void mountSourceOnAnotherRegistryIsIgnored() {
    assertEquals(Optional.empty(), RegistrySink.sameRegistryRepository("ghcr.io/acme/base", "127.0.0.1:5000"));
    assertEquals(Optional.of("acme/base"), RegistrySink.sameRegistryRepository("ghcr.io/acme/base", "ghcr.io"));
    assertEquals(Optional.of("acme/base"), RegistrySink.sameRegistryRepository("acme/base", "ghcr.io"));
  }
}
