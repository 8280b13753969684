package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.InvalidParameterException;
import java.nio.file.Files;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** A platform the preset's images are not published for fails before any pull, naming what exists. */
@MojoTest
class PresetPlatformMojoTest extends GreeterMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/plain-project/pom.xml";

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "platforms", value = "linux/amd64,linux/arm64")
  void arm64OnTheAlpineJava17PresetFailsNamingPresetPlatformWhatItOffersAndSlim(ImageMojo mojo) {
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertInstanceOf(InvalidParameterException.class, e.getCause());
    assertTrue(e.getMessage().startsWith("<platforms>: the alpine preset has no linux/arm64 image for Java 17: "
        + "eclipse-temurin:17-"), e.getMessage());
    assertTrue(e.getMessage().contains("offers linux/amd64 only. Fix: use <runtime>slim</runtime> (it has "
        + "linux/arm64)"), e.getMessage());
    assertFalse(Files.exists(basedir.resolve("target")), "nothing written under target/");
  }
}
