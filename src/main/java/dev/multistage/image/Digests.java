package dev.multistage.image;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code sha256:} digests of bytes, streams and files. */
public final class Digests {
  private Digests() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static String of(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
  }

  public static String of(MessageDigest digest) {
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  public static String of(Path file) throws IOException {
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return of(md);
  }

  /** True for a well-formed {@code sha256:<64 hex>} digest. */
  public static boolean isSha256(String digest) {
    return digest != null && digest.matches("sha256:[0-9a-f]{64}");
  }

  /** jib-core's form of {@code value}, which its manifest templates take. */
  static DescriptorDigest forJib(String value) {
    try {
      return DescriptorDigest.fromDigest(value);
    } catch (DigestException e) {
      throw new IllegalArgumentException("not a sha256 digest: " + value, e);
    }
  }
}
