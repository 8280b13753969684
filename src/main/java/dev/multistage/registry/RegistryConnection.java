package dev.multistage.registry;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.image.json.V21ManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.function.Consumer;

/** An authenticated jib {@link RegistryClient} for one repository, with the login it used and retries. */
final class RegistryConnection implements AutoCloseable {
  private static final String USER_AGENT = "multistage-maven-plugin";
  private static final List<String> MANIFEST_TYPES = List.of(V22ManifestTemplate.MANIFEST_MEDIA_TYPE,
      V22ManifestListTemplate.MANIFEST_MEDIA_TYPE, OciManifestTemplate.MANIFEST_MEDIA_TYPE,
      OciIndexTemplate.MEDIA_TYPE, V21ManifestTemplate.MEDIA_TYPE);

  final RegistryClient client;
  final CredentialLookup.Login login;
  private final FailoverHttpClient http;
  private final Consumer<String> debug;
  private final String registry;
  private final String repository;
  private final RetryPolicy retries;

  private RegistryConnection(RegistryClient client, CredentialLookup.Login login, FailoverHttpClient http,
      Consumer<String> debug, String registry, String repository, RetryPolicy retries) {
    this.client = client;
    this.login = login;
    this.http = http;
    this.debug = debug;
    this.registry = registry;
    this.repository = repository;
    this.retries = retries;
  }

  /**
   * Opens and authenticates a client; {@code mountFrom} (push only, may be null) is the repository of the same
   * registry that blobs may be mounted from; {@code retries} is how each of its calls rides out transient failures.
   */
  static RegistryConnection open(RegistryOptions options, CredentialLookup.Login login, String registry,
      String repository, boolean push, String mountFrom, RetryPolicy retries) throws IOException, RegistryException {
    Consumer<LogEvent> log = e -> options.debug().accept("registry " + registry + ": "
        + e.getMessage().replaceAll("\u001B\\[[;\\d]*m", ""));
    // credentials travel over plain HTTP only to this machine, and only when insecure registries are allowed
    FailoverHttpClient http = httpClient(options.allowInsecure(), options.allowInsecure() && isLoopback(registry),
        log, options.debug());
    EventHandlers events = EventHandlers.builder().add(LogEvent.class, log).build();
    RegistryClient.Factory factory = mountFrom == null
        ? RegistryClient.factory(events, registry, repository, http)
        : RegistryClient.factory(events, registry, repository, mountFrom, http);
    factory.setUserAgent(USER_AGENT);
    if (!login.isAnonymous()) {
      factory.setCredential(login.credential());
    }
    RegistryClient client = factory.newRegistryClient();
    RegistryConnection connection = new RegistryConnection(client, login, http, options.debug(), registry,
        repository, retries);
    try {
      boolean bearer = connection.retrying("authenticate with " + registry,
          () -> push ? client.doPushBearerAuth() : client.doPullBearerAuth());
      if (!bearer && !login.isAnonymous()) {
        client.configureBasicAuth();
      }
      return connection;
    } catch (IOException | RegistryException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private static FailoverHttpClient httpClient(boolean insecure, boolean sendAuthorizationOverHttp,
      Consumer<LogEvent> log, Consumer<String> debug) {
    return JibInternals.httpClientWithoutRetries(insecure, sendAuthorizationOverHttp, log).orElseGet(() -> {
      debug.accept("jib's FailoverHttpClient without retries is unavailable; using its default.");
      return new FailoverHttpClient(insecure, sendAuthorizationOverHttp, log);
    });
  }

  /**
   * Runs {@code call}, retrying transient failures (HTTP 5xx and 429, resets, refusals, timeouts) within the
   * operation's budget; see {@link RetryPolicy}.
   */
  <T> T retrying(String what, RetryPolicy.Call<T> call) throws IOException, RegistryException {
    return retries.run(registry, what, call);
  }

  static boolean isLoopback(String registry) {
    String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']'))
        : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  /**
   * The manifest {@code qualifier} (tag or digest) names, as the exact bytes the registry sent: jib keeps only the
   * parsed form, and the cache stores manifests under the digest of their bytes. Uses the client's authorization.
   */
  byte[] pullManifestBytes(String qualifier) throws IOException {
    // the same timeout jib gives its own requests (jib.httpTimeout, 20 s by default)
    Request request = Request.builder().setAuthorization(JibInternals.authorization(client).orElse(null))
        .setAccept(MANIFEST_TYPES).setUserAgent(USER_AGENT).setHttpTimeout(JibSystemProperties.getHttpTimeout())
        .build();
    URL url = new URL("https://" + registry + "/v2/" + repository + "/manifests/" + qualifier);
    try (Response response = http.get(url, request); InputStream body = response.getBody()) {
      return body.readAllBytes();
    }
  }

  @Override
  public void close() {
    try {
      http.shutDown();
    } catch (IOException e) {
      debug.accept("Could not close HTTP connections: " + e.getMessage());
    }
  }
}
