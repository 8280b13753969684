package dev.multistage.maven;

import static org.mockito.Mockito.lenient;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.mockito.Mockito;

/**
 * What Mojo tests run against: the project {@code com.example:greeter:2.3.4}, Java 17, building into
 * {@code <basedir>/target}, main class {@code com.example.greeter.Main} from maven-jar-plugin's manifest
 * configuration; and a session like Maven's.
 */
final class GreeterBuild {
  private GreeterBuild() {}

  static MavenProject project(Path basedir) {
    Model model = new Model();
    model.setModelVersion("4.0.0");
    model.setGroupId("com.example");
    model.setArtifactId("greeter");
    model.setVersion("2.3.4");
    model.setPackaging("jar");
    Properties properties = new Properties();
    properties.setProperty("maven.compiler.release", "17");
    model.setProperties(properties);
    Build build = new Build();
    build.setDirectory(basedir.resolve("target").toString());
    build.setOutputDirectory(basedir.resolve("target/classes").toString());
    build.addPlugin(jarPluginWithMainClass("com.example.greeter.Main"));
    model.setBuild(build);
    MavenProject project = new MavenProject(model);
    project.setFile(basedir.resolve("pom.xml").toFile());
    return project;
  }

  /** The JVM's system properties (so {@code ${user.home}} resolves), {@code userProperties} ({@code -D}), {@code -o}. */
  static MavenSession session(Properties userProperties, boolean offline) {
    MavenSession session = Mockito.mock(MavenSession.class);
    Properties system = new Properties();
    system.putAll(System.getProperties());
    lenient().when(session.getSystemProperties()).thenReturn(system);
    lenient().when(session.getUserProperties()).thenReturn(userProperties);
    lenient().when(session.isOffline()).thenReturn(offline);
    return session;
  }

  private static Plugin jarPluginWithMainClass(String mainClass) {
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom archive = new Xpp3Dom("archive");
    Xpp3Dom manifest = new Xpp3Dom("manifest");
    Xpp3Dom main = new Xpp3Dom("mainClass");
    main.setValue(mainClass);
    manifest.addChild(main);
    archive.addChild(manifest);
    configuration.addChild(archive);
    Plugin jar = new Plugin();
    jar.setGroupId("org.apache.maven.plugins");
    jar.setArtifactId("maven-jar-plugin");
    jar.setConfiguration(configuration);
    return jar;
  }
}
