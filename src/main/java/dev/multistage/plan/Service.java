package dev.multistage.plan;

import java.util.List;

/**
 * The container as a service: the non-root user it runs as, the ports it exposes, and the healthcheck that probes
 * the first of them.
 */
public record Service(UserSpec user, List<Integer> ports, HealthcheckSpec healthcheck) {

  public Service {
    ports = List.copyOf(ports);
  }
}
