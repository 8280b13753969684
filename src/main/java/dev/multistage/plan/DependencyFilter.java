package dev.multistage.plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which runtime dependencies ship in the image. Development-only ones never do — Spring Boot's devtools, Docker
 * Compose and Testcontainers support, and, in a Spring Boot application, optional dependencies, which Spring Boot's
 * own repackager leaves out — nor what the user excludes; the user's includes win over both.
 */
public final class DependencyFilter {
  private static final Set<String> DEVELOPMENT_ONLY = Set.of("org.springframework.boot:spring-boot-devtools",
      "org.springframework.boot:spring-boot-docker-compose", "org.springframework.boot:spring-boot-testcontainers");

  private final List<Pattern> excludes;
  private final List<Pattern> includes;
  private final boolean springBoot;

  /**
   * @param springBoot whether the application is a Spring Boot one (its optional dependencies stay out)
   */
  public DependencyFilter(List<String> excludes, List<String> includes, boolean springBoot) {
    this.excludes = patterns(excludes, "excludeDependencies");
    this.includes = patterns(includes, "includeDependencies");
    this.springBoot = springBoot;
  }

  /** Why the dependency stays out of the image, or empty when it ships. */
  public Optional<String> leftOut(String groupId, String artifactId, String scope, boolean optional) {
    String key = groupId + ":" + artifactId;
    if ("test".equals(scope) || "provided".equals(scope) || "system".equals(scope)) {
      return Optional.of(scope + " scope");
    }
    if (includes.stream().anyMatch(p -> p.matcher(key).matches())) {
      return Optional.empty();
    }
    if (DEVELOPMENT_ONLY.contains(key)) {
      return Optional.of("development only");
    }
    if (excludes.stream().anyMatch(p -> p.matcher(key).matches())) {
      return Optional.of("excludeDependencies");
    }
    if (springBoot && optional) {
      return Optional.of("optional, as Spring Boot's repackager leaves it out");
    }
    return Optional.empty();
  }

  private static List<Pattern> patterns(List<String> keys, String parameter) {
    for (String k : keys) {
      if (!k.matches("[\\w.*-]+:[\\w.*-]+")) {
        throw new InvalidParameterException(parameter, "'" + k + "' is not groupId:artifactId.",
            "list dependencies as groupId:artifactId, comma-separated; * matches any part, e.g. com.example:*-dev.");
      }
    }
    return keys.stream().map(k -> Pattern.compile(Pattern.quote(k).replace("*", "\\E.*\\Q"))).toList();
  }
}
