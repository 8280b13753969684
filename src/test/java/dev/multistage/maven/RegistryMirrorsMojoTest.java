package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.PullPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registryMirrors} as Maven binds it from the pom (a map whose keys are registry hosts), the
 * {@code multistage.registryMirrors} property over it, and {@code mvn -o} into the plan.
 */
@MojoTest
class RegistryMirrorsMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/mirrors-project/pom.xml";

  @TempDir Path basedir;

  @Provides
  MavenProject project() {
    return GreeterBuild.project(basedir);
  }

  /** {@code mvn -o -Dmultistage.registryMirrors=quay.io=ci-quay.example.com}. */
  @Provides
  MavenSession session() {
    Properties user = new Properties();
    user.setProperty("multistage.registryMirrors", "quay.io=ci-quay.example.com");
    return GreeterBuild.session(user, true);
  }


  @Test
  @InjectMojo(goal = "image", pom = POM)
  void pomMirrorsAndThePropertyAndOfflineModeReachThePlan(ImageMojo mojo) {
    assertEquals(Map.of("registry-1.docker.io", "hub-mirror.example.com;hub-mirror-2.example.com",
        "quay.io", "quay-mirror.example.com"), mojo.registryMirrors);

    ImagePlan plan = new PlanFactory(mojo).plan();

    PullPlan pulls = plan.bases().pulls();
    assertEquals(List.of("hub-mirror.example.com", "hub-mirror-2.example.com"), pulls.mirrorsOf("docker.io"));
    assertEquals(List.of("ci-quay.example.com"), pulls.mirrorsOf("quay.io"));
    assertTrue(pulls.offline());
  }
}
