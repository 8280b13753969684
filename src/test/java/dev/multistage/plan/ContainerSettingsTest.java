package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerSettingsTest {
  @TempDir Path project;

  private static ContainerSettings withVolumes(List<String> volumes) {
    return new ContainerSettings(Map.of(), volumes, Map.of(), List.of(), "/app", List.of());
  }

  @Test
  void relativeVolumeFailsNamingTheParameterAndTheFix() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> withVolumes(List.of("/data", "cache")));

    assertEquals("volumes", e.parameter());
    assertTrue(e.getMessage().startsWith("<volumes>: 'cache' is not an absolute path"), e.getMessage());
    assertTrue(e.getMessage().contains("Fix: start it with /"), e.getMessage());
  }

  @Test
  void volumesAreNormalisedSortedAndListedOnce() {
    assertEquals(List.of("/data", "/var/cache"), withVolumes(List.of("/var/cache/", "/data/./x/..", "/data"))
        .volumes());
  }

  @Test
  void relativeWorkingDirectoryFails() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new ContainerSettings(Map.of(), List.of(), Map.of(), List.of(), "srv", List.of()));

    assertEquals("workingDirectory", e.parameter());
  }

  @Test
  void environmentNameWithEqualsSignOrSpaceFails() {
    for (String name : List.of("A=B", "MY VAR")) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> new ContainerSettings(Map.of(name, "x"), List.of(), Map.of(), List.of(), "/app", List.of()));
      assertEquals("environment", e.parameter());
    }
  }

  @Test
  void emptyEntrypointEntryFails() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new ContainerSettings(Map.of(), List.of(), Map.of(), List.of("/bin/app", " "), "/app", List.of()));

    assertEquals("entrypoint", e.parameter());
  }

  @Test
  void propertyPairsKeepEqualsSignsInValuesAndRejectAPairWithoutName() {
    assertEquals(Map.of("APP_MODE", "prod", "JAVA_TOOL_OPTIONS", "-Dx=1"),
        ContainerSettings.parsePairs("APP_MODE=prod, JAVA_TOOL_OPTIONS=-Dx=1", "environment"));

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ContainerSettings.parsePairs("APP_MODE", "environment"));
    assertTrue(e.getMessage().contains("-Dmultistage.environment=NAME=value"), e.getMessage());
  }

  @Test
  void extraDirectoryDefaultsToRootOwnedFilesInTheImageRoot() throws IOException {
    Files.createDirectories(project.resolve("src/main/image"));

    ExtraDirectory extra = ExtraDirectory.parse(project, "src/main/image", null, null, null, null);

    assertEquals(project.resolve("src/main/image"), extra.from());
    assertEquals("/", extra.into());
    assertEquals(0644, extra.fileMode());
    assertEquals(0755, extra.directoryMode());
    assertEquals(ExtraDirectory.Owner.ROOT, extra.owner());
  }

  @Test
  void extraDirectoryReadsOctalModesAndTheAppOwner() throws IOException {
    Files.createDirectories(project.resolve("conf"));

    ExtraDirectory extra = ExtraDirectory.parse(project, "conf", "/app/config/", "0640", "750", "APP");

    assertEquals("/app/config", extra.into());
    assertEquals(0640, extra.fileMode());
    assertEquals(0750, extra.directoryMode());
    assertEquals(ExtraDirectory.Owner.APP, extra.owner());
  }

  @Test
  void missingExtraSourceDirectoryFails() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ExtraDirectory.parse(project, "src/main/missing", "/opt", null, null, null));

    assertEquals("extraDirectories.from", e.parameter());
    assertTrue(e.getMessage().contains("'src/main/missing' is not a directory"), e.getMessage());
  }

  @Test
  void badModesAndUnknownOwnerFailNamingTheField() throws IOException {
    Files.createDirectories(project.resolve("conf"));

    assertEquals("extraDirectories.fileMode", assertThrows(InvalidParameterException.class,
        () -> ExtraDirectory.parse(project, "conf", "/", "rw-r--r--", null, null)).parameter());
    assertEquals("extraDirectories.directoryMode", assertThrows(InvalidParameterException.class,
        () -> ExtraDirectory.parse(project, "conf", "/", null, "789", null)).parameter());
    assertEquals("extraDirectories.owner", assertThrows(InvalidParameterException.class,
        () -> ExtraDirectory.parse(project, "conf", "/", null, null, "nobody")).parameter());
    assertEquals("extraDirectories.into", assertThrows(InvalidParameterException.class,
        () -> ExtraDirectory.parse(project, "conf", "opt/conf", null, null, null)).parameter());
  }
}
