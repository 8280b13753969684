package dev.multistage.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A loopback registry over TLS with htpasswd basic auth whose self-signed certificate this JVM trusts while it runs,
 * as a CI job's registry with a company CA would be. Close it to stop the registry and restore the JVM's trust.
 */
public final class TlsRegistry implements AutoCloseable {
  private final LoopbackRegistry registry;
  private final TrustedCertificate trust;

  private TlsRegistry(LoopbackRegistry registry, TrustedCertificate trust) {
    this.registry = registry;
    this.trust = trust;
  }

  public static TlsRegistry start(String user, String password, Path trustDir) throws IOException {
    LoopbackRegistry registry = LoopbackRegistry.builder().withTls().withHtpasswd(user, password).start();
    try {
      return new TlsRegistry(registry, TrustedCertificate.trustInThisJvm(registry.caCertificate(), trustDir));
    } catch (IOException | RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  public LoopbackRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    trust.close();
    registry.close();
  }

  /**
   * One such registry for a test class ({@code @RegisterExtension}, per-class lifecycle): started before its tests,
   * stopped, and the JVM's trust restored, after them.
   */
  public static final class ForClass implements BeforeAllCallback, AfterAllCallback {
    private final String user;
    private final String password;
    private Path trustDir;
    private TlsRegistry tls;

    public ForClass(String user, String password) {
      this.user = user;
      this.password = password;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      trustDir = Files.createTempDirectory("tls-registry-trust-");
      tls = start(user, password, trustDir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      if (tls != null) {
        tls.close();
      }
      try (Stream<Path> files = Files.walk(trustDir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }

    public LoopbackRegistry registry() {
      return tls.registry();
    }
  }
}
