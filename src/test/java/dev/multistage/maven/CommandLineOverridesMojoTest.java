package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.ImagePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dmultistage.X} on the command line over a pom that sets {@code <X>}: the command line wins, for a plain
 * value, a boolean, a list and a nested field; what the command line does not name stays as the pom says.
 */
@MojoTest
class CommandLineOverridesMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/overrides-project/pom.xml";

  @TempDir Path basedir;

  private final List<String> infos = new ArrayList<>();

  @Provides
  MavenProject project() {
    return GreeterBuild.project(basedir);
  }

  /** {@code mvn -Dmultistage.to=… -Dmultistage.jvmFlags=… -Dmultistage.healthcheck.path=… …}. */
  @Provides
  MavenSession session() {
    Properties commandLine = new Properties();
    commandLine.setProperty("multistage.to", "registry.ci.example.com:5000/team/shop");
    commandLine.setProperty("multistage.requirePinnedBases", "false");
    commandLine.setProperty("multistage.jvmFlags", "-Xmx128m, -Xss512k");
    commandLine.setProperty("multistage.healthcheck.path", "/live");
    commandLine.setProperty("multistage.healthcheck.retries", "7");
    return GreeterBuild.session(commandLine, false);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void plainValueOnTheCommandLineWinsOverThePomAndTheOverrideIsLogged(ImageMojo mojo) throws Exception {
    assertEquals("ghcr.io/acme/shop", mojo.to, "Maven alone lets the pom win");
    mojo.setLog(recordingLog());

    mojo.applyCommandLine();

    assertEquals("registry.ci.example.com:5000/team/shop", new PlanFactory(mojo).plan().target().to());
    assertTrue(infos.contains("multistage: -Dmultistage.to on the command line wins over <to> in the pom."),
        () -> String.join("\n", infos));
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void booleanOnTheCommandLineWinsOverThePom(ImageMojo mojo) throws Exception {
    mojo.applyCommandLine();

    assertFalse(new PlanFactory(mojo).plan().bases().requirePinnedBases());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void commaSeparatedListOnTheCommandLineReplacesThePomsList(ImageMojo mojo) throws Exception {
    mojo.applyCommandLine();

    assertEquals(List.of("-Xmx128m", "-Xss512k"), new PlanFactory(mojo).plan().launch().jvmFlags());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void nestedHealthcheckFieldsOnTheCommandLineWinOverThePomsAndItsOtherFieldsStay(ImageMojo mojo)
      throws Exception {
    mojo.applyCommandLine();

    ImagePlan plan = new PlanFactory(mojo).plan();
    assertEquals("/live", plan.service().healthcheck().path());
    assertEquals(7, plan.service().healthcheck().retries());
    assertEquals(Duration.ofSeconds(5), plan.service().healthcheck().interval(), "<interval> from the pom");
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void parametersTheCommandLineDoesNotNameKeepThePomsValue(ImageMojo mojo) throws Exception {
    mojo.applyCommandLine();

    assertEquals("slim", mojo.runtime);
    assertTrue(new PlanFactory(mojo).plan().bases().runtimeBase().display().contains("debian"),
        () -> new PlanFactory(mojo).plan().bases().runtimeBase().display());
  }

  private SystemStreamLog recordingLog() {
    return new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        infos.add(content.toString());
      }
    };
  }
}
