package dev.multistage.plan;

import java.util.Collections;
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
    Set<String> ids = artifactKeys.stream().map(k -> k.substring(k.indexOf(':') + 1)).collect(Collectors.toSet());
    if (ids.contains("spring-boot-actuator") || ids.contains("spring-boot-starter-actuator")) {
      return "/actuator/health";
    }
    if (ids.stream().anyMatch(id -> id.startsWith("quarkus-smallrye-health"))) {
      return "/q/health";
    }
    return "/health";
  }
}
