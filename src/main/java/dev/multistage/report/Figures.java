package dev.multistage.report;

import java.util.Locale;

/** How every format writes a size, a share and a digest, so the log, Markdown and HTML agree to the character. */
final class Figures {
  private Figures() {}

  /** Bytes in decimal units with one decimal, as {@code docker images} shows them ({@code 38.2 MB}). */
  static String bytes(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** {@code sha256:} and the first 12 hex digits. */
  static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) : digest;
  }

  /** {@code 0.371} as {@code 37.1%}. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
