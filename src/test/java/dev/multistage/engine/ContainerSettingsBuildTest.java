package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ExtraDirectory;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.testing.StandInBases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code environment}, {@code volumes}, {@code labels}, {@code entrypoint}, {@code workingDirectory} and
 * {@code extraDirectories} put into the image config, the layers and the report.
 */
class ContainerSettingsBuildTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();

  private PlanDraft draft() {
    BaseSource base = BaseSource.parse("oci:" + StandInBases.ociLayout("jre-distroless"), "runtimeImage", dir);
    return new PlanDraft(base, TinyWebApp.compile(dir.resolve("app"), "Hello"), dir.resolve("project"),
        dir.resolve("cache"));
  }

  private Path build(PlanDraft draft) throws IOException {
    return new ImageBuild(draft.plan(), RegistryOptions.defaults(), info -> {}, warnings::add).run()
        .outputDirectory();
  }

  private static JsonNode config(Path outputs) throws IOException {
    return ImageArchive.read(outputs.resolve("image.tar")).dockerConfig().path("config");
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void environmentVolumesLabelsAndWorkingDirectoryReachTheImageConfig() throws IOException {
    PlanDraft draft = draft();
    draft.environment = Map.of("APP_MODE", "production", "JAVA_HOME", "/opt/java/openjdk");
    draft.volumes = List.of("/data", "/var/cache/app/");
    draft.labels = Map.of("org.opencontainers.image.title", "Greeter Service", "team", "shop");
    draft.workingDir = "/srv/greeter";

    JsonNode config = config(build(draft));

    List<String> env = strings(config.path("Env"));
    assertTrue(env.contains("APP_MODE=production"), env::toString);
    assertTrue(env.contains("JAVA_HOME=/opt/java/openjdk"), env::toString);
    assertTrue(env.stream().anyMatch(e -> e.startsWith("PATH=/opt/java/openjdk/bin:")), env::toString);
    assertEquals(List.of("/data", "/var/cache/app"), iterable(config.path("Volumes").fieldNames()));
    assertEquals("Greeter Service", config.path("Labels").path("org.opencontainers.image.title").asText(),
        "the user's label wins over the automatic one");
    assertEquals("shop", config.path("Labels").path("team").asText());
    assertTrue(config.path("Labels").path("org.opencontainers.image.base.name").asText().startsWith("oci:"));
    assertEquals("/srv/greeter", config.path("WorkingDir").asText());
    assertEquals("/opt/java/openjdk/bin/java", config.path("Entrypoint").path(0).asText());
    assertEquals(TinyWebApp.MAIN_CLASS, strings(config.path("Entrypoint")).get(config.path("Entrypoint").size() - 1));
    assertTrue(warnings.isEmpty(), warnings::toString);
  }

  @Test
  void entrypointReplacesTheGeneratedCommandAndArgsStayTheCmd() throws IOException {
    PlanDraft draft = draft();
    draft.entrypoint = List.of("/opt/java/openjdk/bin/java", "-cp", "/app/classes:/app/libs/*", "demo.Hello");

    JsonNode config = config(build(draft));

    assertEquals(draft.entrypoint, strings(config.path("Entrypoint")));
    assertEquals(List.of(Integer.toString(draft.port)), strings(config.path("Cmd")));
  }

  @Test
  void extraFilesGetTheirOwnLayerBelowResourcesAndShowInTheReportWithSecretsMasked() throws IOException {
    Path conf = Files.createDirectories(dir.resolve("project/src/main/image"));
    Files.writeString(conf.resolve("settings.txt"), "mode=live\n");
    PlanDraft draft = draft();
    draft.extraDirectories = List.of(new ExtraDirectory(conf, "/app/config", 0640, 0750, ExtraDirectory.Owner.APP));
    draft.environment = Map.of("APP_MODE", "production", "DB_PASSWORD", "hunter2");
    draft.volumes = List.of("/data");
    draft.labels = Map.of("team", "shop");

    Path outputs = build(draft);

    JsonNode report = JSON.readTree(outputs.resolve("report.json").toFile());
    List<String> layers = new ArrayList<>();
    report.path("layers").forEach(l -> layers.add(l.path("name").asText()));
    assertEquals(List.of("user", "probe", "dependencies", "extra", "resources", "classes"),
        layers.subList(layers.indexOf("user"), layers.size()));
    JsonNode image = report.path("image");
    assertEquals(1, image.path("extraFiles").asInt());
    assertEquals("production", image.path("environment").path("APP_MODE").asText());
    assertEquals("****", image.path("environment").path("DB_PASSWORD").asText());
    assertEquals(List.of("/data"), strings(image.path("volumes")));
    assertEquals("shop", image.path("labels").path("team").asText());
    assertEquals("/app", image.path("workingDirectory").asText());
    assertEquals("/opt/java/openjdk/bin/java", image.path("entrypoint").path(0).asText());
    String markdown = Files.readString(outputs.resolve("report.md"));
    assertTrue(markdown.contains("| environment | `APP_MODE=production, DB_PASSWORD=****` |"), markdown);
    assertTrue(markdown.contains("| extra files | `1` |"), markdown);
    assertFalse(Files.readString(outputs.resolve("report.html")).contains("hunter2"));
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).startsWith("environment: DB_PASSWORD looks like a secret"), warnings.get(0));
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
