package dev.multistage.registry;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.Authorization;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The two places this project reaches into jib-core's internals, kept together with a test against the pinned
 * jib-core version ({@code JibInternalsTest}), so an upgrade that moves them fails there, and at run time with a
 * clear message, never a raw stack trace.
 */
final class JibInternals {
  private JibInternals() {}

  /**
   * jib's public constructor adds google-http-client's own backoff, which retries even TLS errors ten times (a
   * minute for a plain-HTTP registry); the project has one retry policy of its own, so that one is switched off
   * through jib's package-private constructor. Empty when that constructor is gone: the caller uses the default.
   */
  static Optional<FailoverHttpClient> httpClientWithoutRetries(boolean insecure, boolean sendAuthorizationOverHttp,
      Consumer<LogEvent> log) {
    try {
      Constructor<FailoverHttpClient> withoutRetry = FailoverHttpClient.class.getDeclaredConstructor(
          boolean.class, boolean.class, Consumer.class, boolean.class);
      withoutRetry.setAccessible(true);
      return Optional.of(withoutRetry.newInstance(insecure, sendAuthorizationOverHttp, log, false));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * What jib's client sends after authenticating (basic or bearer), for requests jib has no method for (a
   * manifest's exact bytes); it has no getter, so the field is read. Empty before authentication.
   */
  @SuppressWarnings("unchecked")
  static Optional<Authorization> authorization(RegistryClient client) throws IOException {
    try {
      Field field = RegistryClient.class.getDeclaredField("authorization");
      field.setAccessible(true);
      return Optional.ofNullable(((AtomicReference<Authorization>) field.get(client)).get());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("this plugin reads jib-core's RegistryClient.authorization, which the jib-core on the "
          + "plugin's class path does not have (" + e + "); use the jib-core version the plugin was built with");
    }
  }
}
