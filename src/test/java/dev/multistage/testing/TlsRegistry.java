package dev.multistage.testing;

import java.io.IOException;
import java.nio.file.Path;

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
}
