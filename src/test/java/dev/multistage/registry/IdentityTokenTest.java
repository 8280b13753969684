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
import dev.multistage.testing.TokenServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code MULTISTAGE_REGISTRY_TOKEN_FILE} against a registry with Docker's token authentication and a real token
 * service: the identity token is traded for a bearer token (OAuth2 refresh grant), as Docker and Jib do with the
 * {@code identitytoken} of a config.json, and is never logged or shown.
 */
class IdentityTokenTest {
  private static final String TOKEN = "identity-token-secret";

  @TempDir Path dir;

  private final List<String> log = new ArrayList<>();

  @Test
  void anIdentityTokenFromAFilePushesTradedForABearerTokenAndIsNeverLogged() throws IOException {
    try (TokenServer tokens = TokenServer.start(dir, TOKEN, "reader", "reader-secret");
        LoopbackRegistry registry = LoopbackRegistry.builder().withTokenAuth(tokens).start()) {
      Image image = TestImages.image(dir.resolve("image"), Platform.LINUX_AMD64, "token");

      PushResult pushed = sink(registry, TOKEN).push(image, registry.hostPort(), "team/app", List.of("1"),
          Optional.empty());

      assertEquals(image.manifestDescriptor().digest(), pushed.digest());
      assertEquals(List.of("refresh_token"), tokens.grants().stream().distinct().toList(),
          "every bearer token came from the identity token");
      String served = new RegistryImages(options().withCredential(registry.hostPort(),
          new RegistryCredential("reader", "reader-secret")), new BlobCache(dir.resolve("cache"))).resolveDigest(
              new BaseSource.Registry(registry.hostPort(), "team/app", Optional.of("1"), Optional.empty()), "to");
      assertEquals(pushed.digest(), served);
      assertTrue(log.stream().anyMatch(m -> m.contains("come from the identity token in the file named by "
          + "MULTISTAGE_REGISTRY_TOKEN_FILE")), log::toString);
      assertFalse(log.stream().anyMatch(m -> m.contains(TOKEN)), log::toString);
    }
  }

  @Test
  void aRefusedIdentityTokenIsNamedWithWhatToCheckAndShownNowhere() throws IOException {
    try (TokenServer tokens = TokenServer.start(dir, TOKEN, "reader", "reader-secret");
        LoopbackRegistry registry = LoopbackRegistry.builder().withTokenAuth(tokens).start()) {
      Image image = TestImages.image(dir.resolve("image"), Platform.LINUX_AMD64, "refused");

      InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> sink(registry,
          "expired-token-secret").push(image, registry.hostPort(), "team/app", List.of("1"), Optional.empty()));

      assertTrue(e.getMessage().contains("did not let the identity token in the file named by "
          + "MULTISTAGE_REGISTRY_TOKEN_FILE push to repository team/app (HTTP 401"), e.getMessage());
      assertTrue(e.getMessage().endsWith("Fix: check MULTISTAGE_REGISTRY_TOKEN (or MULTISTAGE_REGISTRY_TOKEN_FILE): "
          + "the identity token may have expired or lack the scope to push."), e.getMessage());
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains("expired-token-secret"), trace.toString());
      assertFalse(log.stream().anyMatch(m -> m.contains("expired-token-secret")), log::toString);
    }
  }

  private RegistryOptions options() {
    return RegistryOptions.defaults().withAllowInsecure(true).withLogs(log::add, log::add);
  }

  /** A push whose environment has only MULTISTAGE_REGISTRY_TOKEN_FILE, naming a file that holds {@code token}. */
  private RegistrySink sink(LoopbackRegistry registry, String token) throws IOException {
    Path file = Files.writeString(dir.resolve("token"), token + "\n");
    RegistryOptions options = options().withEnvironmentCredentialsFor(registry.hostPort());
    return new RegistrySink(options, new CredentialLookup(Map.of(), Map.of(CredentialLookup.TOKEN_ENV + "_FILE",
        file.toString()), Set.of(registry.hostPort()), dir.resolve("no-config.json"), options.debug()));
  }
}
