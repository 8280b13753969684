package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code image} goal checks before any work (no file written, no registry asked): {@code to} — a
 * lowercase repository with an optional registry host and port; a tag in it is the image's tag (never glued to the
 * version); a digest is refused — and {@code platforms}.
 */
@MojoTest
class ChecksBeforeWorkMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/plain-project/pom.xml";

  @TempDir Path basedir;

  @Provides
  MavenProject project() {
    return GreeterBuild.project(basedir);
  }

  @Provides
  MavenSession session() {
    return GreeterBuild.session(new Properties(), false);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "to", value = "ghcr.io/acme/shop")
  void validRepositoryIsTaggedWithTheProjectVersion(ImageMojo mojo) {
    ImagePlan plan = new PlanFactory(mojo).plan();

    assertEquals("ghcr.io/acme/shop", plan.target().to());
    assertEquals("ghcr.io/acme/shop:2.3.4", plan.target().reference());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "to", value = "127.0.0.1:5000/team/shop")
  void registryPortIsPartOfTheRepositoryNotATag(ImageMojo mojo) {
    ImagePlan plan = new PlanFactory(mojo).plan();

    assertEquals("127.0.0.1:5000/team/shop", plan.target().to());
    assertEquals(List.of("2.3.4"), plan.target().tags());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "to", value = "ghcr.io/acme/shop:1.0")
  void tagInToIsTheImagesTagInsteadOfTheVersion(ImageMojo mojo) {
    ImagePlan plan = new PlanFactory(mojo).plan();

    assertEquals("ghcr.io/acme/shop", plan.target().to());
    assertEquals(List.of("1.0"), plan.target().tags());
    assertEquals("ghcr.io/acme/shop:1.0", plan.target().reference());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "to", value = "ghcr.io/acme/shop:1.0")
  @MojoParameter(name = "tags", value = "latest,stable")
  void configuredTagsFollowTheTagInTo(ImageMojo mojo) {
    assertEquals(List.of("1.0", "latest", "stable"), new PlanFactory(mojo).plan().target().tags());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "to", value = "UPPER/Case")
  void uppercaseRepositoryFailsBeforeAnyWorkSayingLowercase(ImageMojo mojo) {
    String message = failure(mojo);

    assertTrue(message.startsWith("<to>: 'UPPER/Case' has uppercase letters; a repository name must be lowercase"),
        message);
    assertTrue(message.endsWith("Fix: write <to>upper/case</to>."), message);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "to",
      value = "ghcr.io/acme/shop@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
  void digestInToFailsBeforeAnyWorkAskingForTags(ImageMojo mojo) {
    String message = failure(mojo);

    assertTrue(message.startsWith("<to>: 'ghcr.io/acme/shop@sha256:0123"), message);
    assertTrue(message.endsWith("Fix: write <to>ghcr.io/acme/shop</to> and list the tags in <tags>."), message);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "platforms", value = "linux/amd65")
  void platformTypoFailsBeforeAnyPullNamingPlatforms(ImageMojo mojo) {
    String message = failure(mojo);

    assertTrue(message.startsWith("<platforms>: 'linux/amd65' names an unknown architecture 'amd65'. Fix: use one of "
        + "amd64, arm64"), message);
  }

  /** Runs the goal, which must fail with a user mistake before writing anything. */
  private String failure(ImageMojo mojo) {
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertInstanceOf(InvalidParameterException.class, e.getCause(), "a user mistake, not a crash");
    assertFalse(Files.exists(basedir.resolve("target")), "nothing written under target/");
    return e.getMessage();
  }
}
