package dev.multistage.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.image.Digests;
import dev.multistage.image.ImageConfig;
import dev.multistage.plan.Platform;
import dev.multistage.testing.TestTars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Small images made in a test, to seed one fault at a time: {@link #clean} passes every rule, and each test changes
 * one thing — a layer on top, or one config field — and sees which rules fire.
 */
final class SeededImage {
  static final String BASE = "registry.example/alpine:3.24@sha256:" + "b".repeat(64);

  private final Path dir;
  private ImageConfig config;
  private final List<TestTars> layers = new ArrayList<>();
  private boolean tagOnly;

  private SeededImage(Path dir, ImageConfig config) {
    this.dir = dir;
    this.config = config;
  }

  /**
   * What the image goal makes: a base with root and the app user 1001 in passwd and group, /tmp, a Java runtime and
   * the app under /app owned by root and readable; user 1001:1001, a healthcheck, the base's pinned name, an explicit
   * linux/amd64 and a {@code java -cp /app/classes} entrypoint.
   */
  static SeededImage clean(Path dir) {
    SeededImage image = new SeededImage(dir, ImageConfig.empty(Platform.LINUX_AMD64)
        .withUser("1001:1001").withWorkingDir("/app")
        .withEnv(Map.of("JAVA_HOME", "/opt/java/openjdk", "PATH", "/opt/java/openjdk/bin:/usr/bin:/bin"))
        .withEntrypoint(List.of("/opt/java/openjdk/bin/java", "-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp",
            "-cp", "/app/classes:/app/libs/*", "com.example.Main"), List.of())
        .withHealthcheck(List.of("CMD", "/opt/java/openjdk/bin/java", "-cp", "/opt/multistage/probe", "Probe"),
            Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(10), 3)
        .withLabels(Map.of("org.opencontainers.image.base.name", BASE,
            "org.opencontainers.image.revision", "3f9c2a7be41d08c5f6a9e2b7d4c1f0a8e5b3c9d2")));
    image.layers.add(TestTars.layer()
        .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1001:1001::/home/app:/sbin/nologin\n")
        .file("etc/group", "root:x:0:\napp:x:1001:\n")
        .dir("tmp", 01777, 0)
        .dir("home/app", 0755, 1001)
        .file("opt/java/openjdk/bin/java", "ELF", 0755, 0)
        .file("opt/java/openjdk/bin/keytool", "ELF", 0755, 0)
        .file("opt/java/openjdk/lib/modules", "jimage", 0644, 0));
    image.layers.add(TestTars.layer()
        .dir("app", 0755, 1001)
        .dir("app/classes", 0755, 0)
        .file("app/classes/com/example/Main.class", "cafebabe", 0644, 0)
        .dir("app/libs", 0755, 0)
        .file("app/libs/lib.jar", "PK", 0644, 0));
    return image;
  }

  /** One config change, such as {@code c -> c.withUser("0")}. */
  SeededImage config(UnaryOperator<ImageConfig> change) {
    config = change.apply(config);
    return this;
  }

  /** One change to the config's JSON, for what {@link ImageConfig} has no method for (removing a field). */
  SeededImage json(Consumer<ObjectNode> change) throws IOException {
    ObjectNode json = (ObjectNode) config.json();
    change.accept(json);
    config = ImageConfig.parse(new ObjectMapper().writeValueAsBytes(json));
    return this;
  }

  /** A layer on top of the others. */
  SeededImage layer(TestTars layer) {
    layers.add(layer);
    return this;
  }

  /** Named by tag alone in a registry. */
  SeededImage tagOnly() {
    tagOnly = true;
    return this;
  }

  /** The image: each layer written as a gzip blob, the config listing its diff_id. */
  CheckedImage image() throws IOException {
    Files.createDirectories(dir);
    ImageConfig withLayers = config;
    List<Path> blobs = new ArrayList<>();
    for (TestTars layer : layers) {
      Path blob = Files.createTempFile(dir, "layer", ".tar.gz");
      layer.writeGzip(blob);
      blobs.add(blob);
      withLayers = withLayers.withLayer(Digests.of(layer.tarBytes()), "test", Instant.EPOCH);
    }
    String digest = "sha256:" + "c".repeat(64);
    return new CheckedImage("registry.example/shop:1.0" + (tagOnly ? "" : "@" + digest), Optional.of(digest), tagOnly,
        List.of(Platform.LINUX_AMD64), withLayers, blobs);
  }

  /** What every rule finds. */
  List<Finding> findings() throws IOException {
    return Checks.run(image(), Set.of());
  }

  /** The ids of the rules that fire, each once. */
  Set<String> rules() throws IOException {
    Set<String> ids = new TreeSet<>();
    findings().forEach(f -> ids.add(f.rule().id()));
    return ids;
  }
}
