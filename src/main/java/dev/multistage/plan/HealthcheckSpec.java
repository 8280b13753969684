package dev.multistage.plan;

import java.time.Duration;
import java.util.List;

/**
 * The image's HEALTHCHECK as the user asked for it: an HTTP path probed on localhost, or an explicit command.
 * The concrete command (the base's wget, or the plugin's probe) is chosen when the base is known.
 */
public record HealthcheckSpec(
    boolean enabled,
    String path,
    int port,
    List<String> command,
    Duration interval,
    Duration timeout,
    Duration startPeriod,
    int retries) {

  public HealthcheckSpec {
    command = List.copyOf(command);
    if (enabled && command.isEmpty() && !path.startsWith("/")) {
      throw new InvalidParameterException("healthcheck.path", "'" + path + "' does not start with '/'.",
          "write an absolute HTTP path such as /health or /actuator/health.");
    }
    if (retries < 1) {
      throw new InvalidParameterException("healthcheck.retries", "must be at least 1, was " + retries + ".",
          "set a positive number such as 3.");
    }
  }

  public static HealthcheckSpec disabled() {
    return new HealthcheckSpec(false, "/", 0, List.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO, 1);
  }

  /**
   * The probed URL. {@code 127.0.0.1} rather than {@code localhost}: no name lookup, so a static busybox wget never
   * loads the image's NSS libraries (it crashed doing so on a glibc base), and no IPv6-first surprise.
   */
  public String url() {
    return "http://127.0.0.1:" + port + path;
  }
}
