package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.ContainerSettings;
import dev.multistage.plan.ExtraDirectory;
import dev.multistage.plan.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code environment}, {@code volumes}, {@code labels}, {@code entrypoint}, {@code workingDirectory} and
 * {@code extraDirectories} as Maven binds them from the pom, their properties, and the mistakes caught before any
 * work.
 */
@MojoTest
class ContainerParametersMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/container-project/pom.xml";

  @TempDir Path basedir;

  private final Properties commandLine = new Properties();

  @Provides
  MavenProject project() {
    return GreeterBuild.project(basedir);
  }

  @Provides
  MavenSession session() {
    return GreeterBuild.session(commandLine, false);
  }

  @BeforeEach
  void extraSource() throws IOException {
    Files.createDirectories(basedir.resolve("src/main/image"));
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void pomParametersReachThePlan(ImageMojo mojo) {
    ContainerSettings container = new PlanFactory(mojo).plan().container();

    assertEquals(Map.of("APP_MODE", "production", "LOG_FORMAT", "text"), container.environment());
    assertEquals(List.of("/data"), container.volumes());
    assertEquals(Map.of("team", "shop"), container.labels());
    assertEquals(List.of("/opt/java/openjdk/bin/java", "-jar", "/app/shop.jar"), container.entrypoint());
    assertEquals("/srv/shop", container.workingDir());
    assertEquals(List.of(new ExtraDirectory(basedir.resolve("src/main/image"), "/app/config", 0640, 0755,
        ExtraDirectory.Owner.APP)), container.extraDirectories());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void environmentAndLabelsPropertiesWinForTheNamesTheySet(ImageMojo mojo) {
    commandLine.setProperty("multistage.environment", "LOG_FORMAT=json,REGION=eu-west-1");
    mojo.project.getProperties().setProperty("multistage.labels", "tier=backend");

    ContainerSettings container = new PlanFactory(mojo).plan().container();

    assertEquals(Map.of("APP_MODE", "production", "LOG_FORMAT", "json", "REGION", "eu-west-1"),
        container.environment());
    assertEquals(Map.of("team", "shop", "tier", "backend"), container.labels());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void scalarAndListPropertiesOnTheCommandLineWinOverThePom(ImageMojo mojo) throws MojoFailureException {
    commandLine.setProperty("multistage.workingDirectory", "/work");
    commandLine.setProperty("multistage.volumes", "/cache,/data");
    commandLine.setProperty("multistage.entrypoint", "/bin/shop,--serve");

    mojo.applyCommandLine();
    ContainerSettings container = new PlanFactory(mojo).plan().container();

    assertEquals("/work", container.workingDir());
    assertEquals(List.of("/cache", "/data"), container.volumes());
    assertEquals(List.of("/bin/shop", "--serve"), container.entrypoint());
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void relativeVolumeFails(ImageMojo mojo) {
    mojo.volumes = List.of("data");

    assertFails(mojo, "<volumes>: 'data' is not an absolute path");
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void relativeWorkingDirectoryFails(ImageMojo mojo) {
    mojo.workingDirectory = "srv";

    assertFails(mojo, "<workingDirectory>: 'srv' is not an absolute path");
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void missingExtraSourceDirectoryFails(ImageMojo mojo) throws IOException {
    Files.delete(basedir.resolve("src/main/image"));

    assertFails(mojo, "<extraDirectories.from>: 'src/main/image' is not a directory");
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void badModeAndUnknownOwnerFail(ImageMojo mojo) {
    mojo.extraDirectories.get(0).fileMode = "888";
    assertFails(mojo, "<extraDirectories.fileMode>: '888' is not an octal permission mode");

    mojo.extraDirectories.get(0).fileMode = "640";
    mojo.extraDirectories.get(0).owner = "www-data";
    assertFails(mojo, "<extraDirectories.owner>: 'www-data' is not an owner");
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void environmentPropertyWithoutAName(ImageMojo mojo) {
    commandLine.setProperty("multistage.environment", "=production");

    assertFails(mojo, "<environment>: '=production' in -Dmultistage.environment is not NAME=value");
  }

  private static void assertFails(ImageMojo mojo, String start) {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new PlanFactory(mojo).plan());
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
    assertTrue(e.getMessage().contains(" Fix: "), e.getMessage());
  }
}
