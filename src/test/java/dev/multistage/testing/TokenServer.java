package dev.multistage.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The token service of a registry that uses Docker's token authentication, as Docker Hub, GHCR and ACR do: it trades
 * an identity token (an OAuth2 refresh token, {@code POST grant_type=refresh_token}) or a basic-auth login
 * ({@code GET}) for a short-lived bearer token, a JWT signed with a key whose certificate the registry trusts. Start
 * it, then the registry with {@link LoopbackRegistry.Builder#withTokenAuth(TokenServer)}.
 */
public final class TokenServer implements AutoCloseable {
  public static final String SERVICE = "loopback-registry";
  public static final String ISSUER = "loopback-token-service";

  private final HttpServer server;
  private final Path certificate;
  private final PrivateKey key;
  private final String keyId;
  private final String identityToken;
  private final String user;
  private final String password;
  private final List<String> grants = Collections.synchronizedList(new ArrayList<>());

  private TokenServer(Path dir, String identityToken, String user, String password) throws IOException {
    this.identityToken = identityToken;
    this.user = user;
    this.password = password;
    this.certificate = dir.resolve("token.crt");
    Path keyFile = dir.resolve("token.key");
    Processes.check(Duration.ofSeconds(60), List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-sha256", "-days", "2", "-subj", "/CN=" + ISSUER, "-keyout", keyFile.toString(), "-out",
        certificate.toString()));
    try {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate)));
      this.keyId = libtrustKeyId(cert.getPublicKey().getEncoded());
      this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(keyFile)));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the token service's key", e);
    }
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.start();
  }

  /**
   * A token service in {@code dir} (its key and certificate) that accepts {@code identityToken} and the login
   * {@code user}/{@code password}.
   */
  public static TokenServer start(Path dir, String identityToken, String user, String password) throws IOException {
    Requirements.assumeTools("openssl");
    return new TokenServer(dir, identityToken, user, password);
  }

  /** {@code http://127.0.0.1:<port>/token}, the realm the registry sends clients to. */
  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The PEM certificate of the signing key, the registry's {@code rootcertbundle}. */
  public Path certificate() {
    return certificate;
  }

  /** How each token was granted, in order: {@code refresh_token} or {@code basic}. */
  public List<String> grants() {
    synchronized (grants) {
      return List.copyOf(grants);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void token(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getRawQuery();
      String form = exchange.getRequestMethod().equals("POST")
          ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) : query == null ? "" : query;
      List<String> scopes = new ArrayList<>();
      String grant = null;
      String refreshToken = null;
      for (String pair : form.split("&")) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String name = pair.substring(0, eq);
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        switch (name) {
          case "scope" -> scopes.add(value);
          case "grant_type" -> grant = value;
          case "refresh_token" -> refreshToken = value;
          default -> { }
        }
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
      if ("refresh_token".equals(grant) && identityToken.equals(refreshToken)) {
        grants.add("refresh_token");
      } else if (grant == null && basic.equals(authorization)) {
        grants.add("basic");
      } else {
        send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
        return;
      }
      String jwt = jwt(scopes);
      send(exchange, 200, "{\"token\":\"" + jwt + "\",\"access_token\":\"" + jwt + "\",\"expires_in\":300}");
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private String jwt(List<String> scopes) throws GeneralSecurityException {
    StringBuilder access = new StringBuilder();
    for (String scope : scopes) { // repository:team/app:pull,push
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      access.append(access.length() == 0 ? "" : ",").append("{\"type\":\"").append(scope, 0, first)
          .append("\",\"name\":\"").append(scope, first + 1, last).append("\",\"actions\":[\"")
          .append(String.join("\",\"", scope.substring(last + 1).split(","))).append("\"]}");
    }
    long now = Instant.now().getEpochSecond();
    String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\"}";
    String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"aud\":\"" + SERVICE + "\",\"exp\":"
        + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID()
        + "\",\"access\":[" + access + "]}";
    String signed = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
        + base64Url(claims.getBytes(StandardCharsets.UTF_8));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(key);
    rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
    return signed + "." + base64Url(rs256.sign());
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The key id the registry (docker/libtrust) gives a public key: base32 of its DER's SHA-256, 30 bytes, in fours. */
  static String libtrustKeyId(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder base32 = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < 30; i++) {
      buffer = (buffer << 8) | (hash[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        base32.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < base32.length(); i += 4) {
      id.append(i == 0 ? "" : ":").append(base32, i, i + 4);
    }
    return id.toString();
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] pem(Path file) throws IOException {
    String text = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(text);
  }
}
