package dev.multistage.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandInBasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"jre-distroless", "jre-busybox"})
  void buildsTheSameDigestTwice(String kind, @TempDir Path dir) {
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> StandInBases.build(kind, dir.resolve("a")));
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> StandInBases.build(kind, dir.resolve("b")));

    assertEquals(first.join(), second.join());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jre-distroless", "jre-busybox"})
  void isAnOciLayoutForLinuxAmd64WithOneGzipLayerAndJavaHome(String kind) throws IOException {
    Path layout = StandInBases.ociLayout(kind);

    JsonNode index = readJson(layout.resolve("index.json"));
    JsonNode entry = index.path("manifests").get(0);
    assertEquals("latest", entry.path("annotations").path("org.opencontainers.image.ref.name").asText());
    assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(layout.resolve("oci-layout")).strip());
    JsonNode manifest = readJson(blob(layout, entry.path("digest").asText()));
    assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.path("mediaType").asText());
    assertEquals(1, manifest.path("layers").size());
    assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", manifest.path("layers").get(0).path("mediaType").asText());
    JsonNode config = readJson(blob(layout, manifest.path("config").path("digest").asText()));
    assertEquals("linux", config.path("os").asText());
    assertEquals("amd64", config.path("architecture").asText());
    assertEquals(1, config.path("rootfs").path("diff_ids").size());
    assertTrue(config.path("config").path("Env").toString().contains("JAVA_HOME=/opt/java/openjdk"),
        config.toString());
  }

  @Test
  void jreDistrolessHasJavaAndGlibcButNoShellAndNoUsers() throws IOException {
    Map<String, TarArchiveEntry> files = layerEntries(StandInBases.ociLayout("jre-distroless"));

    assertTrue(files.containsKey("opt/java/openjdk/bin/java"), files.keySet()::toString);
    assertTrue(files.containsKey("lib64/ld-linux-x86-64.so.2"));
    assertTrue(files.containsKey("lib/x86_64-linux-gnu/libc.so.6"));
    assertEquals(01777, files.get("tmp").getMode() & 07777);
    assertFalse(files.containsKey("bin/sh"));
    assertFalse(files.containsKey("etc/passwd"));
    assertFalse(files.containsKey("etc/group"));
  }

  @Test
  void jreBusyboxAddsShellToolsAndRootAndNobody() throws IOException {
    Map<String, TarArchiveEntry> files = layerEntries(StandInBases.ociLayout("jre-busybox"));

    assertTrue(files.containsKey("opt/java/openjdk/bin/java"));
    assertTrue(files.get("bin/busybox").isFile());
    for (String applet : List.of("bin/sh", "bin/wget", "bin/id", "bin/cat", "bin/ls", "bin/ps", "bin/sleep",
        "bin/echo", "usr/bin/wget")) {
      assertTrue(files.get(applet).isSymbolicLink(), applet);
    }
    assertTrue(files.containsKey("etc/passwd"));
    assertTrue(files.containsKey("etc/group"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jre-distroless", "jre-busybox"})
  void javaRunsAsUid1001OnAReadOnlyRootUnderRunc(String kind, @TempDir Path dir) throws IOException {
    Requirements.assumeRootAndRunc();
    Requirements.assumeTools("umoci");
    Path layout = StandInBases.ociLayout(kind);
    Path bundle = dir.resolve("bundle");
    Processes.check(Duration.ofMinutes(2),
        List.of("umoci", "unpack", "--image", layout + ":latest", bundle.toString()));
    ObjectNode spec = (ObjectNode) readJson(bundle.resolve("config.json"));
    ((ObjectNode) spec.path("root")).put("readonly", true);
    ObjectNode process = (ObjectNode) spec.path("process");
    process.put("terminal", false);
    process.putObject("user").put("uid", 1001).put("gid", 1001);
    process.putArray("args").add("/opt/java/openjdk/bin/java").add("-version");
    ((ArrayNode) spec.path("mounts")).addObject().put("destination", "/tmp").put("type", "tmpfs")
        .put("source", "tmpfs").putArray("options").add("nosuid").add("nodev").add("mode=1777");
    JSON.writeValue(bundle.resolve("config.json").toFile(), spec);
    String id = "stand-in-" + kind + "-" + ProcessHandle.current().pid();

    Processes.Result result;
    try {
      result = Processes.run(Duration.ofMinutes(1), List.of("runc", "run", "-b", bundle.toString(), id));
    } finally {
      Processes.run(Duration.ofSeconds(30), List.of("runc", "delete", "-f", id));
    }

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.stderr().contains("openjdk version \"17"), result::describe);
  }

  private static JsonNode readJson(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  /** Entries of the image's only layer by path, without a trailing slash on directories. */
  private static Map<String, TarArchiveEntry> layerEntries(Path layout) throws IOException {
    String manifestDigest = readJson(layout.resolve("index.json")).path("manifests").get(0).path("digest").asText();
    String layerDigest = readJson(blob(layout, manifestDigest)).path("layers").get(0).path("digest").asText();
    Map<String, TarArchiveEntry> entries = new TreeMap<>();
    try (InputStream in = Files.newInputStream(blob(layout, layerDigest));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        entries.put(e.getName().replaceAll("/$", ""), e);
      }
    }
    return entries;
  }
}
