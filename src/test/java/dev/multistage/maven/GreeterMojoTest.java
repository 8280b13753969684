package dev.multistage.maven;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Mojo tests on the greeter project share: a scratch basedir, the project Maven would read there, and a
 * session like Maven's (the JVM's system properties, so {@code ${user.home}} resolves; no user properties). A test
 * class whose command line differs provides its own {@code session()}.
 */
abstract class GreeterMojoTest {
  @TempDir Path basedir;

  @Provides
  MavenProject project() {
    return GreeterBuild.project(basedir);
  }

  @Provides
  MavenSession session() {
    return GreeterBuild.session(new Properties(), false);
  }
}
