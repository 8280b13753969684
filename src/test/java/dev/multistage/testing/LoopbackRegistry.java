package dev.multistage.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry (CNCF distribution, Debian's {@code docker-registry}) on 127.0.0.1 and a free port, with its
 * storage in a temp dir. Use in try-with-resources or from {@code @BeforeAll}/{@code @AfterAll}:
 *
 * <pre>{@code
 * try (LoopbackRegistry registry = LoopbackRegistry.builder().withHtpasswd("ci", "secret").start()) {
 *   push(registry.hostPort() + "/app");
 * }
 * }</pre>
 *
 * {@link Builder#withTls()} serves HTTPS with a self-signed certificate for {@code IP:127.0.0.1}; clients trust it
 * through {@link #caCertificate()} (see {@link TrustedCertificate}). {@link #kill()} and {@link #restart()} simulate a
 * registry that dies mid-operation and comes back on the same storage and port.
 *
 * Without {@code docker-registry} on the PATH the test is skipped, or fails when {@code CI=true}.
 */
public final class LoopbackRegistry implements AutoCloseable {
  private static final String EXECUTABLE = "docker-registry";
  private static final Duration STARTUP = Duration.ofSeconds(15);

  private Process process;
  private final Path executable;
  private final Path directory;
  private final int port;
  private final Optional<Credentials> credentials;
  private final boolean tls;

  /** A user the registry accepts (htpasswd, bcrypt). */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=****]";
    }
  }

  private LoopbackRegistry(Path executable, Path directory, int port, Optional<Credentials> credentials,
      boolean tls) {
    this.executable = executable;
    this.directory = directory;
    this.port = port;
    this.credentials = credentials;
    this.tls = tls;
  }

  /** A plain-HTTP registry without authentication. */
  public static LoopbackRegistry start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for the registry; each adds a section to its config.yml. */
  public static final class Builder {
    private Credentials htpasswd;
    private TokenServer tokens;
    private boolean tls;

    private Builder() {}

    /** Serves HTTPS only, with a self-signed certificate for 127.0.0.1 made by openssl. */
    public Builder withTls() {
      this.tls = true;
      return this;
    }

    /** Requires HTTP basic authentication as {@code username}/{@code password}. */
    public Builder withHtpasswd(String username, String password) {
      this.htpasswd = new Credentials(username, password);
      return this;
    }

    /** Requires a bearer token from {@code tokens} (Docker's token authentication), instead of a login. */
    public Builder withTokenAuth(TokenServer tokens) {
      this.tokens = tokens;
      return this;
    }

    public LoopbackRegistry start() {
      Path executable = findExecutable().orElse(null);
      if (executable == null) {
        Requirements.missing(EXECUTABLE + " is not installed (apt-get install docker-registry); registry tests need it.");
      }
      IOException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        Path dir = null;
        try {
          dir = Files.createTempDirectory("loopback-registry-");
          return launch(executable, dir, freePort());
        } catch (IOException e) {
          last = e; // most likely another process took the port between probe and bind
          deleteRecursively(dir);
        }
      }
      throw new UncheckedIOException("could not start " + EXECUTABLE, last);
    }

    private LoopbackRegistry launch(Path executable, Path dir, int port) throws IOException {
      StringBuilder config = new StringBuilder()
          .append("version: 0.1\n")
          .append("log:\n  level: info\n  formatter: text\n")
          .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
          .append("  delete:\n    enabled: true\n")
          .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
          .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
      if (tls) {
        selfSignedCertificate(dir);
        config.append("  tls:\n    certificate: ").append(dir.resolve("tls.crt"))
            .append("\n    key: ").append(dir.resolve("tls.key")).append('\n');
      }
      if (htpasswd != null) {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, bcrypt(htpasswd));
        config.append("auth:\n  htpasswd:\n    realm: loopback-registry\n    path: ").append(file).append('\n');
      }
      if (tokens != null) {
        config.append("auth:\n  token:\n    realm: ").append(tokens.realm())
            .append("\n    service: ").append(TokenServer.SERVICE)
            .append("\n    issuer: ").append(TokenServer.ISSUER)
            .append("\n    rootcertbundle: ").append(tokens.certificate()).append('\n');
      }
      Files.writeString(dir.resolve("config.yml"), config.toString());
      LoopbackRegistry registry = new LoopbackRegistry(executable, dir, port, Optional.ofNullable(htpasswd), tls);
      try {
        registry.launch();
        return registry;
      } catch (IOException | RuntimeException e) {
        registry.stop();
        throw e;
      }
    }

    private static void selfSignedCertificate(Path dir) throws IOException {
      Processes.Result r = Processes.run(Duration.ofSeconds(60), "openssl", "req", "-x509", "-newkey", "rsa:2048",
          "-nodes", "-sha256", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
          "-keyout", dir.resolve("tls.key").toString(), "-out", dir.resolve("tls.crt").toString());
      if (!r.succeeded()) {
        throw new IOException("openssl could not make a certificate: " + r.describe());
      }
    }

    private static String bcrypt(Credentials user) throws IOException {
      Process p = new ProcessBuilder("htpasswd", "-Bbn", user.username(), user.password())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      try {
        if (p.waitFor() != 0 || line.isEmpty()) {
          throw new IOException("htpasswd -Bbn failed (is apache2-utils installed?)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      return line + "\n";
    }
  }

  private void launch() throws IOException {
    process = new ProcessBuilder(executable.toString(), "serve", directory.resolve("config.yml").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
        .start();
    awaitReady();
  }

  /** Kills the registry at once (SIGKILL), keeping its storage, as a crash would. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the registry again after {@link #kill()}, on the same storage, port and configuration. */
  public void restart() {
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException("could not restart " + EXECUTABLE, e);
    }
  }

  /** The PEM certificate a {@link Builder#withTls()} registry serves; clients trust it to verify TLS. */
  public Path caCertificate() {
    if (!tls) {
      throw new IllegalStateException("this registry speaks plain HTTP");
    }
    return directory.resolve("tls.crt");
  }

  /** {@code https://127.0.0.1:<port>} or {@code http://…}. */
  public String url() {
    return (tls ? "https://" : "http://") + hostPort();
  }

  /** {@code 127.0.0.1:<port>}, the registry part of image references. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The registry's combined output. */
  public Path logFile() {
    return directory.resolve("registry.log");
  }

  /** The user that {@link Builder#withHtpasswd} configured. */
  public Optional<Credentials> credentials() {
    return credentials;
  }

  /**
   * One plain-HTTP registry for a test class ({@code @RegisterExtension static final}): started before its tests,
   * stopped after them.
   */
  public static final class ForClass implements BeforeAllCallback, AfterAllCallback {
    private LoopbackRegistry registry;

    @Override
    public void beforeAll(ExtensionContext context) {
      registry = LoopbackRegistry.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
      if (registry != null) {
        registry.close();
      }
    }

    public LoopbackRegistry registry() {
      return registry;
    }
  }

  /** Destroys the registry process and its children and deletes its storage. */
  public void stop() {
    if (process == null) {
      deleteRecursively(directory);
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteRecursively(directory);
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitReady() throws IOException {
    Instant deadline = Instant.now().plus(STARTUP);
    URI v2 = URI.create("http://" + hostPort() + "/v2/");
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(EXECUTABLE + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) v2.toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(1000);
        int status = c.getResponseCode();
        c.disconnect();
        // 400: a TLS registry telling a plain-HTTP client to use HTTPS, so it is listening
        if (status == 200 || status == 401 || tls && status == 400) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException(EXECUTABLE + " did not answer GET " + v2 + " within " + STARTUP.toSeconds() + " s:\n"
        + logTail());
  }

  private String logTail() {
    try {
      String log = Files.readString(logFile());
      return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static Optional<Path> findExecutable() {
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, EXECUTABLE))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir left behind is harmless
    }
  }
}
