package dev.multistage.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code <healthcheck>} parameters as the user wrote them (in the pom or as properties), each absent when unset.
 */
public record HealthcheckSettings(
    Optional<String> enabled,
    Optional<String> command,
    Optional<String> path,
    Optional<String> interval,
    Optional<String> timeout,
    Optional<String> startPeriod,
    Optional<String> retries) {

  /** Nothing set: an HTTP probe of the framework's health path on the first port, every 30s. */
  public static HealthcheckSettings unset() {
    return new HealthcheckSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The healthcheck the image gets: disabled, the user's command, or an HTTP probe of {@code path} (else
   * {@code defaultPath}) on the first of {@code ports}.
   */
  public HealthcheckSpec resolve(List<Integer> ports, String defaultPath) {
    if (enabled.filter("false"::equalsIgnoreCase).isPresent()) {
      return HealthcheckSpec.disabled();
    }
    Optional<String> cmd = command.filter(c -> !c.isBlank());
    if (cmd.isEmpty() && ports.isEmpty()) {
      throw new InvalidParameterException("ports", "the HTTP healthcheck needs a port, and none is exposed.",
          "set <ports>8080</ports>, a <healthcheck><command>, or <healthcheck><enabled>false</enabled>.");
    }
    int retryCount;
    try {
      retryCount = retries.map(r -> Integer.parseInt(r.trim())).orElse(3);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException("healthcheck.retries", "'" + retries.get() + "' is not a number.",
          "set e.g. 3.");
    }
    return new HealthcheckSpec(true, path.orElse(defaultPath), ports.isEmpty() ? 0 : ports.get(0),
        cmd.map(c -> List.of(c.trim())).orElse(List.of()), duration(interval, "interval", "30s"),
        duration(timeout, "timeout", "3s"), duration(startPeriod, "startPeriod", "10s"), retryCount);
  }

  private static Duration duration(Optional<String> value, String field, String fallback) {
    return Durations.parse(value.orElse(fallback), "healthcheck." + field);
  }
}
