package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameworksTest {
  @Test
  void springBootActuatorServesItsHealthUnderActuator() {
    assertEquals("/actuator/health",
        new Frameworks(Set.of("org.springframework.boot:spring-boot-starter-actuator")).healthPath());
    assertEquals("/actuator/health", new Frameworks(Set.of("org.springframework.boot:spring-boot-actuator",
        "io.quarkus:quarkus-smallrye-health")).healthPath());
  }

  @Test
  void quarkusSmallRyeHealthServesItsHealthUnderQ() {
    assertEquals("/q/health", new Frameworks(Set.of("io.quarkus:quarkus-smallrye-health")).healthPath());
    assertEquals("/q/health", new Frameworks(Set.of("io.quarkus:quarkus-smallrye-health-spi")).healthPath());
  }

  @Test
  void anyOtherApplicationIsProbedAtHealth() {
    assertEquals("/health", new Frameworks(Set.of()).healthPath());
    assertEquals("/health", new Frameworks(Set.of("org.springframework.boot:spring-boot-starter-web")).healthPath());
  }

  @Test
  void isSpringBootWhenSpringBootItselfIsResolved() {
    assertTrue(new Frameworks(Set.of("org.springframework.boot:spring-boot", "com.h2database:h2")).springBoot());
    assertFalse(new Frameworks(Set.of("org.springframework:spring-core")).springBoot());
    assertFalse(new Frameworks(Set.of("com.example:spring-boot")).springBoot(), "a look-alike from another group");
  }

  @Test
  void aFrameworksHealthPathWithoutThatFrameworksHealthModuleIsUnserved() {
    Frameworks web = new Frameworks(Set.of("org.springframework.boot:spring-boot-starter-web"));

    assertTrue(web.unserved("/actuator/health").orElseThrow().contains("spring-boot-actuator is not among"));
    assertTrue(web.unserved("/q/health/ready").orElseThrow().contains("quarkus-smallrye-health is not among"));
    assertFalse(web.unserved("/health").isPresent(), "an app's own path is not guessed at");
    assertFalse(new Frameworks(Set.of("org.springframework.boot:spring-boot-starter-actuator"))
        .unserved("/actuator/health/liveness").isPresent());
  }
}
