package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.testing.Processes;
import dev.multistage.testing.StandInBases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/update-presets.sh on a small checkout of repo-info records made here. */
class UpdatePresetsScriptTest {
  private static final String OLD = "a".repeat(64);
  private static final String NEW_OS = "1".repeat(64);
  private static final String NEW_JDK = "2".repeat(64);

  @TempDir Path dir;

  @Test
  void rewritesEachPinFromItsRecordWithDateSourceAndPlatformsAndARerunChangesNothing() throws IOException {
    Path checkout = checkout();
    Path presets = presets();

    String out = run(checkout, presets);

    assertTrue(out.contains("rewrote"), out);
    Properties p = load(presets);
    assertEquals("alpine:3.24@sha256:" + NEW_OS, p.getProperty("t.runtime"));
    assertEquals("2026-11-20", p.getProperty("t.runtime.date"));
    assertEquals("linux/amd64,linux/arm/v6,linux/arm64/v8", p.getProperty("t.runtime.platforms"));
    assertEquals("docker-library/repo-info repos/alpine/remote/3.24.md", p.getProperty("t.runtime.source"));
    assertEquals("eclipse-temurin:25-jdk-alpine@sha256:" + NEW_JDK, p.getProperty("t.jdk.25"));
    assertEquals("2026-11-27", p.getProperty("t.jdk.25.date"), "the newest Last Modified is the record's date");
    assertEquals("linux/amd64", p.getProperty("t.jdk.25.platforms"));
    // the plugin reads what the script writes
    Presets.Pin pin = new Presets(p).pin("eclipse-temurin:25-jdk-alpine@sha256:" + NEW_JDK).orElseThrow();
    assertEquals(LocalDate.of(2026, 11, 27), pin.date());

    byte[] first = Files.readAllBytes(presets);
    assertTrue(run(checkout, presets).contains("is current"));
    assertArrayEquals(first, Files.readAllBytes(presets), "a rerun on the same checkout must not change a byte");
  }

  @Test
  void aMissingRecordFailsNamingTheKeyAndLeavesTheFileAsItWas() throws IOException {
    Path checkout = checkout();
    Files.delete(checkout.resolve("repos/eclipse-temurin/remote/25-jdk-alpine.md"));
    Path presets = presets();
    byte[] before = Files.readAllBytes(presets);

    Processes.Result result = Processes.run(java.time.Duration.ofMinutes(1), List.of("bash",
        script().toString(), checkout.toString(), presets.toString()));

    assertNotEquals(0, result.exitCode());
    assertTrue((result.stdout() + result.stderr()).contains("t.jdk.25: no record for eclipse-temurin:25-jdk-alpine"), (result.stdout() + result.stderr()));
    assertArrayEquals(before, Files.readAllBytes(presets));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("presets.properties."))
          .toList(), "a temporary file was left behind");
    }
  }

  private Path checkout() throws IOException {
    Path checkout = dir.resolve("repo-info");
    write(checkout.resolve("repos/alpine/remote/3.24.md"), record("alpine:3.24", NEW_OS,
        List.of("linux; amd64", "linux; arm variant v6", "linux; arm64 variant v8"), "Thu, 20 Nov 2026 20:37:26 GMT"));
    write(checkout.resolve("repos/eclipse-temurin/remote/25-jdk-alpine.md"), record("eclipse-temurin:25-jdk-alpine",
        NEW_JDK, List.of("linux; amd64", "unknown; unknown"), "Fri, 27 Nov 2026 22:38:48 GMT"));
    return checkout;
  }

  private Path presets() throws IOException {
    Path presets = dir.resolve("presets.properties");
    Files.writeString(presets, "# old\nt.runtime=alpine:3.24@sha256:" + OLD + "\nt.runtime.date=2026-01-01\n"
        + "t.jdk.25=eclipse-temurin:25-jdk-alpine@sha256:" + OLD + "\n");
    return presets;
  }

  /** A record in repo-info's layout: the index, its platforms, then one manifest with two layers. */
  private static String record(String tag, String index, List<String> platforms, String newest) {
    StringBuilder md = new StringBuilder("## `" + tag + "`\n\n```console\n$ docker pull " + tag.split(":")[0]
        + "@sha256:" + index + "\n```\n\n-\tManifest MIME: `application/vnd.oci.image.index.v1+json`\n-\tPlatforms: "
        + platforms.size() + "\n");
    platforms.forEach(p -> md.append("\t-\t").append(p).append('\n'));
    md.append("\n### `").append(tag).append("` - linux; amd64\n\n```console\n$ docker pull x@sha256:")
        .append("9".repeat(64)).append("\n```\n\n-\tLayers:\n")
        .append("\t-\t`sha256:").append("8".repeat(64)).append("`  \n\t\tLast Modified: Tue, 07 Mar 2017 15:01:14 GMT  \n")
        .append("\t-\t`sha256:").append("7".repeat(64)).append("`  \n\t\tLast Modified: ").append(newest).append("  \n");
    return md.toString();
  }

  private static String run(Path checkout, Path presets) {
    return Processes.check(java.time.Duration.ofMinutes(1), List.of("bash", script().toString(),
        checkout.toString(), presets.toString())).stdout();
  }

  private static Path script() {
    return StandInBases.projectDir().resolve("scripts/update-presets.sh");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (var in = Files.newInputStream(file)) {
      p.load(in);
    }
    return p;
  }
}
