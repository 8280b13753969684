package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.ManifestFormat;
import dev.multistage.plan.Platform;
import dev.multistage.plan.UserSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code image} goal as Maven configures it: the real plugin descriptor, parameter defaults and expressions
 * evaluated by maven-plugin-testing-harness against a real {@link MavenProject} ({@code com.example:greeter:2.3.4},
 * main class from maven-jar-plugin's manifest configuration).
 */
@MojoTest
class ImageMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/plain-project/pom.xml";
  private static final String NUMERIC_FIX = "use a numeric, non-root uid:gid";

  @TempDir Path basedir;

  private final List<String> infos = new ArrayList<>();

  @Provides
  MavenProject project() {
    return GreeterBuild.project(basedir);
  }

  /** A session like Maven's: the JVM's system properties (so {@code ${user.home}} resolves), no user properties. */
  @Provides
  MavenSession session() {
    return GreeterBuild.session(new Properties(), false);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  void noConfigurationMeansArtifactIdTaggedWithVersionAsUid1001OnAmd64DockerFormatJlinkedOnPinnedBases(
      ImageMojo mojo) {
    assertAll("parameters",
        () -> assertEquals("greeter", mojo.to),
        () -> assertEquals(null, mojo.tags, "tags default to the version unless <to> has a tag"),
        () -> assertEquals("1001:1001", mojo.user),
        () -> assertEquals("linux/amd64", mojo.platforms),
        () -> assertEquals("docker", mojo.format),
        () -> assertTrue(mojo.requirePinnedBases),
        () -> assertFalse(mojo.allowInsecureRegistries),
        () -> assertFalse(mojo.push),
        () -> assertFalse(mojo.skip),
        () -> assertEquals("alpine", mojo.runtime),
        () -> assertEquals(basedir.resolve("target/multistage").toFile(), mojo.outputDirectory));

    ImagePlan plan = new PlanFactory(mojo).plan();

    assertAll("plan",
        () -> assertEquals("greeter", plan.target().to()),
        () -> assertEquals(List.of("2.3.4"), plan.target().tags()),
        () -> assertEquals(new UserSpec(1001, 1001), plan.service().user()),
        () -> assertEquals(Platform.LINUX_AMD64, plan.target().platform()),
        () -> assertEquals(ManifestFormat.DOCKER, plan.target().format()),
        () -> assertTrue(plan.runtime().linking(), () -> "jlink: " + plan.runtime().jlink()),
        () -> assertTrue(plan.bases().requirePinnedBases()),
        () -> assertEquals("com.example.greeter.Main", plan.launch().mainClass()),
        () -> assertTrue(plan.bases().runtimeBase() instanceof BaseSource.Registry r && r.pinned(),
            () -> "the alpine preset's runtime base is pinned: " + plan.bases().runtimeBase().display()));
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "user", value = "root")
  void userRootFailsNamingUserAndAskingForANumericUidGid(ImageMojo mojo) {
    assertFailsNamingUserAndAskingForANumericUidGid(mojo, "root");
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "user", value = "0:0")
  void userZeroZeroFailsNamingUserAndAskingForANumericUidGid(ImageMojo mojo) {
    assertFailsNamingUserAndAskingForANumericUidGid(mojo, "0:0");
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "user", value = "app")
  void userNameFailsNamingUserAndAskingForANumericUidGid(ImageMojo mojo) {
    assertFailsNamingUserAndAskingForANumericUidGid(mojo, "app");
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "skip", value = "true")
  @MojoParameter(name = "user", value = "root")
  void skipTrueDoesNothing(ImageMojo mojo) throws Exception {
    mojo.setLog(recordingLog());

    mojo.execute(); // user=root would fail any build that got as far as reading parameters

    assertEquals(List.of("multistage: skipped (multistage.skip=true)"), infos);
    assertFalse(Files.exists(basedir.resolve("target")), "nothing is written under target/");
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "runtime", value = "distroless")
  void unknownRuntimePresetFailsNamingRuntime(ImageMojo mojo) {
    String message = failure(mojo);

    assertTrue(message.contains("<runtime>"), message);
    assertTrue(message.contains("'distroless'"), message);
    assertTrue(message.contains("alpine or slim"), message);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "format", value = "tarball")
  void invalidFormatFailsNamingFormat(ImageMojo mojo) {
    String message = failure(mojo);

    assertTrue(message.contains("<format>"), message);
    assertTrue(message.contains("'tarball'"), message);
    assertTrue(message.contains("docker or oci"), message);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "maxImageSize", value = "eighty megs")
  void unreadableMaxImageSizeFailsNamingItBeforeBuilding(ImageMojo mojo) {
    String message = failure(mojo);

    assertTrue(message.startsWith("<maxImageSize>: 'eighty megs' is not a size."), message);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "minReduction", value = "1.5")
  void minReductionOutsideZeroToOneFailsNamingItBeforeBuilding(ImageMojo mojo) {
    String message = failure(mojo);

    assertTrue(message.startsWith("<minReduction>: '1.5' is not a reduction between 0 and 1."), message);
  }

  @Test
  @InjectMojo(goal = "image", pom = POM)
  @MojoParameter(name = "maxImageSize", value = "80 MB")
  @MojoParameter(name = "minReduction", value = "70%")
  void baselineDefaultsToTheBuilderImageAndBudgetsAreReadIntoThePlan(ImageMojo mojo) {
    ImagePlan plan = new PlanFactory(mojo).plan();

    assertEquals(plan.bases().builderBase(), plan.report().baselineImage());
    assertEquals(java.util.OptionalLong.of(80_000_000), plan.report().maxImageBytes());
    assertEquals(java.util.OptionalDouble.of(0.7), plan.report().minReduction());
  }

  private void assertFailsNamingUserAndAskingForANumericUidGid(ImageMojo mojo, String user) {
    String message = failure(mojo);

    assertTrue(message.contains("<user>"), message);
    assertTrue(message.contains("'" + user + "'"), message);
    assertTrue(message.contains(NUMERIC_FIX), message);
  }

  /** Runs the goal, which must fail with a {@link MojoFailureException} (a user mistake) before writing anything. */
  private String failure(ImageMojo mojo) {
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertInstanceOf(InvalidParameterException.class, e.getCause(), "a user mistake, not a crash");
    assertFalse(Files.exists(basedir.resolve("target/multistage")), "no output directory after a failure");
    return e.getMessage();
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
