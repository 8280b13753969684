package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/** The image goal's stale-pin warning on the shipped presets (every record is more than a day old). */
@MojoTest
class StalePinsTest extends GreeterMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/plain-project/pom.xml";

  private final List<String> warnings = new ArrayList<>();

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void pinMaxAgeDefaultsTo90AndNeverFails(ImageMojo mojo) {
    assertEquals(90, mojo.pinMaxAgeDays);
    assertEquals(false, mojo.failOnStalePins);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "pinMaxAgeDays", value = "1")
  void aPresetPinOlderThanTheLimitWarnsOncePerBuildNotPerModule(ImageMojo mojo) {
    mojo.setLog(log());
    List<String> refs = List.copyOf(new PlanFactory(mojo).baseReferences().values());

    StalePins.check(mojo, refs); // the first module of a reactor
    StalePins.check(mojo, refs); // the next module of the same build

    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("older than pinMaxAgeDays=1"), warnings.get(0));
    assertTrue(warnings.get(0).contains("docker-library/repo-info repos/eclipse-temurin/remote/17-jdk-alpine.md"),
        warnings.get(0));

    mojo.session = GreeterBuild.session(new Properties(), false); // the next mvn run warns again
    StalePins.check(mojo, refs);
    assertEquals(2, warnings.size());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "pinMaxAgeDays", value = "0")
  void zeroTurnsTheCheckOff(ImageMojo mojo) {
    mojo.setLog(log());
    StalePins.check(mojo, List.copyOf(new PlanFactory(mojo).baseReferences().values()));
    assertEquals(List.of(), warnings);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "pinMaxAgeDays", value = "1")
  @MojoParameter(name = "failOnStalePins", value = "true")
  void failOnStalePinsMakesItAnErrorNamingPinMaxAgeDays(ImageMojo mojo) {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> StalePins.check(mojo, List.copyOf(new PlanFactory(mojo).baseReferences().values())));
    assertEquals("pinMaxAgeDays", e.parameter());
  }

  private SystemStreamLog log() {
    return new SystemStreamLog() {
      @Override
      public void warn(CharSequence content) {
        warnings.add(content.toString());
      }
    };
  }
}
