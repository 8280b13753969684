package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.archive.DockerArchive;
import dev.multistage.image.Image;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.testing.TestTars;
import dev.multistage.testing.TinyImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/** The {@code check} goal as Maven runs it, on the image.tar the image goal leaves in target/multistage. */
@MojoTest
class CheckMojoTest extends GreeterMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/plain-project/pom.xml";

  private final List<String> logged = new ArrayList<>();

  private Path outputs() {
    return basedir.resolve("target/multistage");
  }

  /** What the image goal leaves: image.tar of one layer with passwd and /tmp, running as {@code user}. */
  private void imageTar(String user) throws Exception {
    Layer layer = TinyImages.layer(basedir.resolve("layers"), "base", TestTars.layer()
        .file("etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1001:1001::/home/app:/bin/sh\n")
        .file("etc/group", "root:x:0:\napp:x:1001:\n")
        .dir("tmp", 01777, 0));
    ImageConfig config = ImageConfig.empty(Platform.LINUX_AMD64).withUser(user)
        .withHealthcheck(List.of("CMD", "/probe"), Duration.ofSeconds(30), Duration.ofSeconds(3),
            Duration.ofSeconds(10), 3)
        .withLabels(Map.of("org.opencontainers.image.base.name", "oci:/stand-in/glibc"))
        .withLayer(layer.diffId(), "test", Instant.EPOCH);
    Files.createDirectories(outputs());
    DockerArchive.write(new Image(Platform.LINUX_AMD64, ImageFormat.DOCKER, config, List.of(layer)),
        List.of("greeter:2.3.4"), outputs().resolve("image.tar"));
  }

  private JsonNode checkJson() throws Exception {
    return new ObjectMapper().readTree(outputs().resolve("check.json").toFile());
  }

  private CheckMojo logging(CheckMojo mojo) {
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        logged.add(content.toString());
      }
    });
    return mojo;
  }

  @Test
  @InjectMojo(goal = "check", pom = POM)
  void aRootImageFailsTheBuildWithTheRuleItsFindingAndFixAfterWritingTheResults(CheckMojo mojo) throws Exception {
    imageTar("0");

    MojoFailureException e = assertThrows(MojoFailureException.class, logging(mojo)::execute);

    assertTrue(e.getMessage().startsWith("multistage check: greeter:2.3.4 breaks 1 rule at high or above:\n"
        + "  [high] user-root: User '0' is root (uid 0). Fix: run as a numeric non-root user"), e.getMessage());
    assertFalse(checkJson().path("passed").asBoolean());
    assertTrue(Files.isRegularFile(outputs().resolve("check.sarif")));
    assertTrue(logged.stream().anyMatch(l -> l.contains("FAIL") && l.contains("user-root")), logged::toString);
  }

  @Test
  @InjectMojo(goal = "check", pom = POM)
  void aCleanImagePassesAndSaysSo(CheckMojo mojo) throws Exception {
    imageTar("1001:1001");

    logging(mojo).execute();

    assertTrue(checkJson().path("passed").asBoolean());
    assertEquals("greeter:2.3.4", checkJson().path("subject").asText());
    assertTrue(logged.contains("multistage check: passed — rules, fixes and suppressions: docs/check.md"),
        logged::toString);
  }

  @Test
  @InjectMojo(goal = "check", pom = POM)
  void aSuppressionWithItsReasonAcceptsTheFindingAndTheResultsShowTheReason(CheckMojo mojo) throws Exception {
    imageTar("0");
    Suppression suppression = new Suppression();
    suppression.rule = "user-root";
    suppression.reason = "the init container needs root";
    mojo.check = new Check();
    mojo.check.suppressions = List.of(suppression);

    mojo.execute();

    JsonNode finding = checkJson().path("findings").path(0);
    assertEquals("user-root", finding.path("rule").asText());
    assertEquals("the init container needs root", finding.path("suppressed").path("reason").asText());
    assertTrue(checkJson().path("passed").asBoolean());
  }

  @Test
  @InjectMojo(goal = "check", pom = POM)
  void anUnknownRuleToSkipFailsBeforeAnyImageIsRead(CheckMojo mojo) {
    mojo.check = new Check();
    mojo.check.skip = "user-root,setuid";

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertInstanceOf(InvalidParameterException.class, e.getCause());
    assertTrue(e.getMessage().startsWith("<check.skip>: 'setuid' is not a rule id. Fix: "), e.getMessage());
    assertFalse(Files.exists(outputs()), "nothing was read or written: there is no image.tar at all");
  }

  @Test
  @InjectMojo(goal = "check", pom = POM)
  void failOnAndSkipAreReadFromThePomsPropertiesToo(CheckMojo mojo) throws Exception {
    imageTar("0");
    mojo.project.getProperties().setProperty("multistage.check.failOn", "none");

    mojo.execute();

    assertEquals("none", checkJson().path("failOn").asText());
    assertEquals("user-root", checkJson().path("findings").path(0).path("rule").asText());
  }

  @Test
  @InjectMojo(goal = "check", pom = POM)
  void withoutAnImageTheGoalAsksForTheImageGoal(CheckMojo mojo) {
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("<check.image>: there is no image to check: "), e.getMessage());
  }
}
