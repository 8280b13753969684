package dev.multistage.registry;

import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.image.json.V21ManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/** An authenticated jib {@link RegistryClient} for one repository, with the login it used and retries. */
final class RegistryConnection implements AutoCloseable {
  static final int ATTEMPTS = 3;
  private static final long FIRST_BACKOFF_MILLIS = 500;
  static final long MAX_RETRY_AFTER_MILLIS = 60_000;
  private static final String USER_AGENT = "multistage-maven-plugin";
  private static final List<String> MANIFEST_TYPES = List.of(V22ManifestTemplate.MANIFEST_MEDIA_TYPE,
      V22ManifestListTemplate.MANIFEST_MEDIA_TYPE, OciManifestTemplate.MANIFEST_MEDIA_TYPE,
      OciIndexTemplate.MEDIA_TYPE, V21ManifestTemplate.MEDIA_TYPE);

  /** One registry call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException, RegistryException;
  }

  final RegistryClient client;
  final CredentialLookup.Login login;
  private final FailoverHttpClient http;
  private final Consumer<String> debug;
  private final String registry;
  private final String repository;

  private RegistryConnection(RegistryClient client, CredentialLookup.Login login, FailoverHttpClient http,
      Consumer<String> debug, String registry, String repository) {
    this.client = client;
    this.login = login;
    this.http = http;
    this.debug = debug;
    this.registry = registry;
    this.repository = repository;
  }

  /**
   * Opens and authenticates a client; {@code mountFrom} (push only, may be null) is the repository of the same
   * registry that blobs may be mounted from.
   */
  static RegistryConnection open(RegistryOptions options, CredentialLookup.Login login, String registry,
      String repository, boolean push, String mountFrom) throws IOException, RegistryException {
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
        repository);
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

  /** Runs {@code call}, retrying transient failures (I/O errors, HTTP 5xx and 429) with backoff. */
  <T> T retrying(String what, Call<T> call) throws IOException, RegistryException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (IOException | RegistryException e) {
        if (attempt >= ATTEMPTS || !isTransient(e)) {
          throw e;
        }
        long wait = Math.max(FIRST_BACKOFF_MILLIS << (attempt - 1), retryAfterMillis(e));
        debug.accept("Could not " + what + " (" + e.getMessage() + "); attempt " + (attempt + 1) + " of "
            + ATTEMPTS + " in " + wait + " ms.");
        try {
          Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * How long a 429 or 503 answer asks to wait (its {@code Retry-After} in seconds or as an HTTP date), at most
   * {@value #MAX_RETRY_AFTER_MILLIS} ms; 0 when it does not say.
   */
  static long retryAfterMillis(Exception e) {
    return Causes.find(e, ResponseException.class).filter(r -> r.getHeaders() != null)
        .map(r -> retryAfterMillis(r.getHeaders().getFirstHeaderStringValue("Retry-After"), Instant.now()))
        .orElse(0L);
  }

  static long retryAfterMillis(String retryAfter, Instant now) {
    if (retryAfter == null || retryAfter.isBlank()) {
      return 0;
    }
    long millis;
    try {
      millis = Long.parseLong(retryAfter.trim()) * 1000;
    } catch (NumberFormatException notSeconds) {
      try {
        millis = Duration.between(now, ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant()).toMillis();
      } catch (DateTimeParseException neither) {
        return 0;
      }
    }
    return Math.max(0, Math.min(millis, MAX_RETRY_AFTER_MILLIS));
  }

  static boolean isTransient(Exception e) {
    for (Throwable t : Causes.of(e)) {
      if (t instanceof ResponseException r) {
        return r.getStatusCode() >= 500 || r.getStatusCode() == 429;
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
          || t instanceof SSLException || t instanceof InsecureRegistryException
          || t instanceof RegistryUnauthorizedException) {
        return false;
      }
    }
    return !(e instanceof RegistryException);
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
    Request request = Request.builder().setAuthorization(JibInternals.authorization(client).orElse(null)).setAccept(MANIFEST_TYPES)
        .setUserAgent(USER_AGENT).build();
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
