package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.lenient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.image.Descriptor;
import dev.multistage.image.Image;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.layer.LayerEntry;
import dev.multistage.layer.ReproducibleLayerWriter;
import dev.multistage.layer.WrittenLayer;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.archive.DockerArchive;
import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.TrustedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/**
 * The {@code push} goal as Maven runs it: real descriptor and parameter defaults, the real {@code SettingsDecrypter}
 * with a settings-security.xml master password, and a TLS registry with basic auth that the JVM trusts.
 */
@MojoTest
class PushMojoTest {
  private static final String POM = "classpath:/dev/multistage/maven/plain-project/pom.xml";
  private static final String USER = "ci";
  private static final String PASSWORD = "mojo-s3cret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path basedir;

  private static LoopbackRegistry registry;
  private static TrustedCertificate trust;
  private static String previousSecurity;
  private final List<String> messages = new ArrayList<>();

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LoopbackRegistry.builder().withTls().withHtpasswd(USER, PASSWORD).start();
    trust = TrustedCertificate.trustInThisJvm(registry.caCertificate(), Files.createTempDirectory(basedir, "trust"));
    // what mvn --encrypt-master-password and --encrypt-password write
    DefaultPlexusCipher cipher = new DefaultPlexusCipher();
    String master = "master-of-" + PASSWORD;
    Path security = basedir.resolve("settings-security.xml");
    Files.writeString(security, "<settingsSecurity><master>" + cipher.encryptAndDecorate(master, "settings.security")
        + "</master></settingsSecurity>");
    previousSecurity = System.setProperty("settings.security", security.toString());
  }

  @AfterAll
  static void stopRegistry() {
    if (previousSecurity == null) {
      System.clearProperty("settings.security");
    } else {
      System.setProperty("settings.security", previousSecurity);
    }
    if (trust != null) {
      trust.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Provides
  MavenProject project() {
    return GreeterBuild.project(basedir);
  }

  /** A session whose settings.xml has a {@code <server>} for the registry with an encrypted password. */
  @Provides
  MavenSession session() throws Exception {
    Server server = new Server();
    server.setId(registry.hostPort());
    server.setUsername(USER);
    server.setPassword(new DefaultPlexusCipher().encryptAndDecorate(PASSWORD, "master-of-" + PASSWORD));
    Settings settings = new Settings();
    settings.addServer(server);
    MavenSession session = Mockito.mock(MavenSession.class);
    Properties system = new Properties();
    system.putAll(System.getProperties());
    lenient().when(session.getSystemProperties()).thenReturn(system);
    lenient().when(session.getUserProperties()).thenReturn(new Properties());
    lenient().when(session.getSettings()).thenReturn(settings);
    return session;
  }

  @Test
  @InjectMojo(goal = "push", pom = POM)
  void encryptedSettingsPasswordIsDecryptedAndNeverLogged(PushMojo mojo) {
    mojo.setLog(recordingLog());

    RegistryOptions options = mojo.registryOptions();

    assertEquals(PASSWORD, options.credentials().get(registry.hostPort()).password());
    assertFalse(options.allowInsecure());
    messages.forEach(m -> assertFalse(m.contains(PASSWORD), m));
  }

  @Test
  @InjectMojo(goal = "push", pom = POM)
  @MojoParameter(name = "tags", value = "2.3.4,latest")
  void pushesTheImageTarTheImageGoalWroteWithTheSameDigestAndWritesImageJson(PushMojo mojo) throws Exception {
    mojo.setLog(recordingLog());
    mojo.to = registry.hostPort() + "/mojo/greeter";
    Path out = basedir.resolve("target/multistage");
    String built = writeImageTar(out);

    mojo.execute();

    assertEquals(built, Files.readString(out.resolve("image-digest")));
    JsonNode record = JSON.readTree(out.resolve("image.json").toFile());
    assertEquals(registry.hostPort() + "/mojo/greeter", record.path("reference").asText());
    assertEquals(built, record.path("digest").asText());
    assertEquals(3, record.path("pushed").size());
    assertTrue(messages.stream().anyMatch(m -> m.startsWith("Pushed ")), messages::toString);
    messages.forEach(m -> assertFalse(m.contains(PASSWORD), m));
  }

  @Test
  @InjectMojo(goal = "push", pom = POM)
  void aRegistryThatRefusesConnectionsIsABuildErrorNotTheUsersMistake(PushMojo mojo) throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    mojo.setLog(recordingLog());
    mojo.to = "127.0.0.1:" + closedPort + "/mojo/greeter";
    mojo.registryRetryBudget = "1s";
    writeImageTar(basedir.resolve("target/multistage"));

    org.apache.maven.plugin.MojoExecutionException e =
        assertThrows(org.apache.maven.plugin.MojoExecutionException.class, mojo::execute);

    assertInstanceOf(dev.multistage.plan.UnavailableException.class, e.getCause());
    assertTrue(e.getMessage().startsWith("<to>: cannot reach registry 127.0.0.1:" + closedPort
        + " (connection refused, "), e.getMessage());
    assertTrue(e.getMessage().contains("(registryRetryBudget 1.0 s))."), "the parameter reached the push: "
        + e.getMessage());
  }

  @Test
  @InjectMojo(goal = "push", pom = POM)
  void missingImageTarFailsAskingToRunMvnPackageFirst(PushMojo mojo) {
    mojo.to = registry.hostPort() + "/mojo/nothing";
    mojo.outputDirectory = basedir.resolve("nothing-built").toFile();

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertInstanceOf(InvalidParameterException.class, e.getCause());
    assertTrue(e.getMessage().contains("image.tar does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("run mvn package"), e.getMessage());
  }

  /** What the image goal leaves in target/multistage: a docker-archive image.tar and image-digest. */
  private static String writeImageTar(Path out) throws Exception {
    Files.createDirectories(out);
    Path file = Files.writeString(basedir.resolve("hello.txt"), "hello from the mojo test\n");
    WrittenLayer w = ReproducibleLayerWriter.write(List.of(new LayerEntry.File("/hello.txt", file, 0644, 0, 0)),
        Files.createDirectories(basedir.resolve("layers")));
    Layer layer = new Layer("classes", new Descriptor(ImageFormat.DOCKER.layerMediaType, w.digest(),
        w.compressedSize()), w.diffId(), w.uncompressedSize(), w.files(), w.blob(), false);
    ImageConfig config = ImageConfig.empty(Platform.LINUX_AMD64).withLayer(w.diffId(), "test", Instant.EPOCH);
    Image image = new Image(Platform.LINUX_AMD64, ImageFormat.DOCKER, config, List.of(layer));
    DockerArchive.write(image, List.of("greeter:2.3.4"), out.resolve("image.tar"));
    Files.writeString(out.resolve("image-digest"), image.manifestDescriptor().digest());
    return image.manifestDescriptor().digest();
  }

  private SystemStreamLog recordingLog() {
    return new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        messages.add(content.toString());
      }

      @Override
      public void debug(CharSequence content) {
        messages.add(content.toString());
      }

      @Override
      public boolean isDebugEnabled() {
        return true;
      }
    };
  }
}
