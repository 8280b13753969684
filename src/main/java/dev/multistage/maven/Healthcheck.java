package dev.multistage.maven;

/**
 * The {@code <healthcheck>} parameter. Every field may also be given as a user property
 * ({@code multistage.healthcheck.path}, …); fields left unset use the defaults below.
 */
public class Healthcheck {
  /** {@code false} removes the HEALTHCHECK; nothing else does. Default {@code true}. */
  Boolean enabled;
  /** HTTP path probed on {@code 127.0.0.1:<first port>} inside the container. Default: {@code /actuator/health} with Spring Boot
   * Actuator, {@code /q/health} with Quarkus SmallRye Health, else {@code /health}. */
  String path;
  /** An explicit command instead of the HTTP probe: one string runs under {@code /bin/sh -c} when the base has a
   * shell; otherwise it is split on spaces and run directly. */
  String command;
  /** Time between checks, Docker syntax ({@code 30s}). */
  String interval;
  /** Time one check may take ({@code 3s}). */
  String timeout;
  /** Grace period after start during which failures do not count ({@code 10s}). */
  String startPeriod;
  /** Consecutive failures before the container is unhealthy ({@code 3}). */
  Integer retries;
}
