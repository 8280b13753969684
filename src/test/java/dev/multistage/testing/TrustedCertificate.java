package dev.multistage.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate this JVM trusts for a while, the way users make Maven trust a private registry: a PKCS12 truststore
 * built with {@code keytool}, which is what {@code -Djavax.net.ssl.trustStore} points at. In a running JVM the default
 * SSL context is already made, so {@link #trustInThisJvm} installs one built from that same truststore and
 * {@link #close()} puts the old one back.
 */
public final class TrustedCertificate implements AutoCloseable {
  public static final String PASSWORD = "changeit";

  private final Path truststore;
  private final SSLContext previous;

  private TrustedCertificate(Path truststore, SSLContext previous) {
    this.truststore = truststore;
    this.previous = previous;
  }

  /** Writes {@code truststore} (PKCS12, password {@value #PASSWORD}) holding {@code certificate}, with keytool. */
  public static Path truststore(Path certificate, Path truststore) {
    Processes.check(Duration.ofSeconds(60), List.of("keytool", "-importcert", "-noprompt", "-alias", "registry",
        "-file", certificate.toString(), "-keystore", truststore.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD));
    return truststore;
  }

  /** Makes this JVM's default TLS trust {@code certificate} (and only it) until {@link #close()}. */
  public static TrustedCertificate trustInThisJvm(Path certificate, Path directory) throws IOException {
    Path store = truststore(certificate, directory.resolve("truststore.p12"));
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD.toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(keys);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      SSLContext previous = SSLContext.getDefault();
      SSLContext.setDefault(context);
      return new TrustedCertificate(store, previous);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load " + store, e);
    }
  }

  public Path truststore() {
    return truststore;
  }

  @Override
  public void close() {
    SSLContext.setDefault(previous);
  }
}
