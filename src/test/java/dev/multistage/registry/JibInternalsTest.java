package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.IOException;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** The jib-core on the class path (the pinned version) still has what {@link JibInternals} reaches for. */
class JibInternalsTest {

  @Test
  void thePinnedJibCoreHasTheHttpClientConstructorWithoutRetries() throws ReflectiveOperationException {
    FailoverHttpClient client = JibInternals.httpClientWithoutRetries(false, false, e -> { }).orElseThrow(
        () -> new AssertionError("FailoverHttpClient(boolean, boolean, Consumer, boolean) is gone from jib-core"));
    Field retry = FailoverHttpClient.class.getDeclaredField("enableRetry");
    retry.setAccessible(true);
    assertTrue(!(boolean) retry.get(client), "built without google-http-client's retries");
  }

  @Test
  void thePinnedJibCoreHasTheClientsAuthorizationField() throws IOException {
    RegistryClient client = RegistryClient.factory(EventHandlers.NONE, "127.0.0.1:1", "library/x",
        new FailoverHttpClient(false, false, e -> { })).newRegistryClient();
    assertTrue(JibInternals.authorization(client).isEmpty(), "no authorization before authenticating");
  }
}
