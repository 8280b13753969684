package dev.multistage.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises environment entries that look like secrets: they would end up in the image config, readable by anyone
 * who can pull the image. A heuristic for a warning, never a reason to fail.
 */
public final class SecretLooking {
  private static final Pattern KEY = Pattern.compile(
      "PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_?KEY");
  private static final Pattern AWS_KEY = Pattern.compile("AKIA[0-9A-Z]{16}");
  private static final Pattern TOKEN_CHARS = Pattern.compile("[A-Za-z0-9+/=_-]{24,}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32,}");
  /** Bits per character above which a long token is more likely random than words (a CamelCase name: about 4.1). */
  private static final double HIGH_ENTROPY = 4.3;

  /** What the report shows instead of a secret-looking value. */
  public static final String MASK = "****";

  private SecretLooking() {}

  /**
   * Why {@code key=value} looks like a secret ("its name contains TOKEN"), empty when it does not. An empty value
   * and a {@code *_FILE} variable naming a file ({@code DB_PASSWORD_FILE=/run/secrets/db}, the way to pass a secret
   * at run time) are not secrets.
   */
  public static Optional<String> why(String key, String value) {
    if (value.isBlank() || key.toUpperCase(Locale.ROOT).endsWith("_FILE") && value.startsWith("/")) {
      return Optional.empty();
    }
    var name = KEY.matcher(key.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (name.find()) {
      return Optional.of("its name contains " + name.group());
    }
    if (value.contains("PRIVATE KEY-----")) {
      return Optional.of("its value is a PEM private key");
    }
    if (AWS_KEY.matcher(value).find()) {
      return Optional.of("its value holds an AWS access key id");
    }
    if (HEX.matcher(value).matches() || randomLooking(value)) {
      return Optional.of("its value is a long random-looking string");
    }
    return Optional.empty();
  }

  /** Base64-like: long, without spaces, upper and lower case letters and digits mixed, and high entropy. */
  private static boolean randomLooking(String value) {
    return TOKEN_CHARS.matcher(value).matches() && !value.startsWith("/")
        && value.chars().anyMatch(Character::isDigit) && value.chars().anyMatch(Character::isUpperCase)
        && value.chars().anyMatch(Character::isLowerCase) && entropy(value) >= HIGH_ENTROPY;
  }

  /** One warning per secret-looking entry of {@code environment}, naming the key, never the value. */
  public static List<String> warnings(Map<String, String> environment) {
    List<String> warnings = new ArrayList<>();
    environment.forEach((k, v) -> why(k, v).ifPresent(reason -> warnings.add("environment: " + k
        + " looks like a secret (" + reason + "). Environment values are stored in the image config, readable by "
        + "anyone who can pull the image. Pass it at run time instead (docker run -e " + k
        + ", a Kubernetes Secret) or read it from a secret store.")));
    return warnings;
  }

  /** {@code environment} with the values of secret-looking entries replaced by {@value #MASK}. */
  public static Map<String, String> masked(Map<String, String> environment) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    environment.forEach((k, v) -> out.put(k, why(k, v).isPresent() ? MASK : v));
    return out;
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String s) {
    Map<Integer, Integer> counts = new HashMap<>();
    s.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
    double bits = 0;
    for (int n : counts.values()) {
      double p = (double) n / s.length();
      bits -= p * Math.log(p) / Math.log(2);
    }
    return bits;
  }
}
