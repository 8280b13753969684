package dev.multistage.plan;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the application is built on, read from its resolved dependencies.
 *
 * @param artifactKeys every resolved dependency as {@code groupId:artifactId}, shipped or not
 */
public record Frameworks(Set<String> artifactKeys) {

  public Frameworks {
    artifactKeys = Collections.unmodifiableSortedSet(new TreeSet<>(artifactKeys));
  }

  /** A Spring Boot application: its repackager's rules (optional dependencies stay out) apply. */
  public boolean springBoot() {
    return artifactKeys.contains("org.springframework.boot:spring-boot");
  }

  /** The health endpoint the framework serves: Spring Boot Actuator's, SmallRye Health's in Quarkus, else /health. */
  public String healthPath() {
    if (actuator()) {
      return "/actuator/health";
    }
    if (smallRyeHealth()) {
      return "/q/health";
    }
    return "/health";
  }

  /**
   * Why the application obviously does not serve {@code path}, a healthcheck path the user set: the endpoint of a
   * framework module it does not have ({@code /actuator/health} without Spring Boot Actuator, {@code /q/health}
   * without SmallRye Health). Empty when it may well serve it.
   */
  public Optional<String> unserved(String path) {
    if ((path.equals("/actuator") || path.startsWith("/actuator/")) && !actuator()) {
      return Optional.of(path + " is served by Spring Boot Actuator, and spring-boot-actuator is not among the "
          + "application's dependencies");
    }
    if ((path.equals("/q/health") || path.startsWith("/q/health/")) && !smallRyeHealth()) {
      return Optional.of(path + " is served by Quarkus SmallRye Health, and quarkus-smallrye-health is not among "
          + "the application's dependencies");
    }
    return Optional.empty();
  }

  private boolean actuator() {
    Set<String> ids = artifactIds();
    return ids.contains("spring-boot-actuator") || ids.contains("spring-boot-starter-actuator");
  }

  private boolean smallRyeHealth() {
    return artifactIds().stream().anyMatch(id -> id.startsWith("quarkus-smallrye-health"));
  }

  private Set<String> artifactIds() {
    return artifactKeys.stream().map(k -> k.substring(k.indexOf(':') + 1)).collect(Collectors.toSet());
  }
}
