package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.ImagePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/**
 * The healthcheck path a user copies from an example: the one the application serves is left alone, one it
 * obviously does not serve ({@code /actuator/health} without Actuator) is warned about at build time.
 */
@MojoTest
class HealthcheckPathMojoTest extends GreeterMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/plain-project/pom.xml";

  private final List<String> warnings = new ArrayList<>();

  private ImagePlan plan(ImageMojo mojo, String path) {
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void warn(CharSequence content) {
        warnings.add(content.toString());
      }
    });
    if (path != null) {
      mojo.healthcheck = new Healthcheck();
      mojo.healthcheck.path = path;
    }
    return new PlanFactory(mojo).plan();
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void anActuatorPathWithoutActuatorIsWarnedAboutWithTheDefaultToUseInstead(ImageMojo mojo) {
    ImagePlan plan = plan(mojo, "/actuator/health");

    assertEquals("/actuator/health", plan.service().healthcheck().path(), "a warning, not a change");
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).startsWith("<healthcheck.path>: /actuator/health is served by Spring Boot Actuator, "
        + "and spring-boot-actuator is not among the application's dependencies, so the HEALTHCHECK would never "
        + "pass"), warnings.get(0));
    assertTrue(warnings.get(0).contains("leave <healthcheck><path> out to probe /health"), warnings.get(0));
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void theSamePathWithActuatorOnTheClassPathIsFine(ImageMojo mojo) {
    mojo.project.setArtifacts(Set.of(new DefaultArtifact("org.springframework.boot", "spring-boot-actuator", "3.3.0",
        "compile", "jar", "", new DefaultArtifactHandler("jar"))));

    plan(mojo, "/actuator/health");

    assertEquals(List.of(), warnings);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void leftOutThePathFollowsTheFrameworkAndNothingIsWarned(ImageMojo mojo) {
    assertEquals("/health", plan(mojo, null).service().healthcheck().path());
    assertEquals(List.of(), warnings);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void aPathOfTheApplicationsOwnIsNotGuessedAt(ImageMojo mojo) {
    plan(mojo, "/ready");

    assertEquals(List.of(), warnings);
  }
}
