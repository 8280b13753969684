package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DependencyFilterTest {
  private static final String BOOT = "org.springframework.boot";

  @Test
  void leavesOutSpringBootsDevelopmentOnlyDependenciesWhateverTheirScope() {
    DependencyFilter filter = new DependencyFilter(List.of(), List.of(), true);
    for (String id : List.of("spring-boot-devtools", "spring-boot-docker-compose", "spring-boot-testcontainers")) {
      assertEquals(Optional.of("development only"), filter.leftOut(BOOT, id, "runtime", false), id);
    }
    assertEquals(Optional.empty(), filter.leftOut(BOOT, "spring-boot-starter-web", "compile", false));
  }

  @Test
  void leavesOutOptionalDependenciesOnlyInASpringBootApplication() {
    assertTrue(new DependencyFilter(List.of(), List.of(), true).leftOut("com.h2database", "h2", "runtime", true)
        .orElseThrow().startsWith("optional"));
    assertEquals(Optional.empty(),
        new DependencyFilter(List.of(), List.of(), false).leftOut("com.h2database", "h2", "runtime", true));
  }

  @Test
  void neverShipsTestProvidedOrSystemScopes() {
    DependencyFilter filter = new DependencyFilter(List.of(), List.of("*:*"), false);
    for (String scope : List.of("test", "provided", "system")) {
      assertEquals(Optional.of(scope + " scope"), filter.leftOut("org.junit", "junit", scope, false));
    }
  }

  @Test
  void excludesByPatternAndIncludesWinOverEveryDefault() {
    DependencyFilter filter = new DependencyFilter(List.of("com.example:*-testing"),
        List.of(BOOT + ":spring-boot-devtools", "com.example:opt"), true);
    assertEquals(Optional.of("excludeDependencies"), filter.leftOut("com.example", "db-testing", "compile", false));
    assertEquals(Optional.empty(), filter.leftOut("com.example", "db", "compile", false));
    assertEquals(Optional.empty(), filter.leftOut(BOOT, "spring-boot-devtools", "runtime", true));
    assertEquals(Optional.empty(), filter.leftOut("com.example", "opt", "compile", true));
  }

  @Test
  void refusesAPatternThatIsNotGroupIdColonArtifactId() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new DependencyFilter(List.of("spring-boot-devtools"), List.of(), false));
    assertTrue(e.getMessage().startsWith("<excludeDependencies>"), e.getMessage());
  }
}
