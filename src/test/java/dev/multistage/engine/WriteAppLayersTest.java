package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.Layer;
import dev.multistage.layer.LayerCache;
import dev.multistage.layer.LayerEntry;
import dev.multistage.plan.LayerPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAppLayersTest {
  @TempDir Path dir;

  private List<LayerPlan> plans() throws IOException {
    Path jar = Files.writeString(dir.resolve("lib-1.0.jar"), "jar");
    Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path main = Files.writeString(dir.resolve("Main.class"), "class");
    return List.of(
        new LayerPlan("dependencies", List.of(new LayerPlan.AppFile(jar, "/app/libs/lib-1.0.jar"))),
        new LayerPlan("snapshot-dependencies", List.of()),
        new LayerPlan("resources", List.of(new LayerPlan.AppFile(script, "/app/classes/bin/run.sh"))),
        new LayerPlan("classes", List.of(new LayerPlan.AppFile(main, "/app/classes/demo/Main.class"))));
  }

  @Test
  void writesEachNonEmptyLayerInThePlansOrderTheSameEveryTime() throws IOException {
    List<LayerPlan> plans = plans();
    Map<String, Layer> first = WriteAppLayers.write(plans, "/app", new LayerCache(dir.resolve("cache-1")));
    Map<String, Layer> second = WriteAppLayers.write(plans, "/app", new LayerCache(dir.resolve("cache-2")));

    assertEquals(List.of("dependencies", "resources", "classes"), List.copyOf(first.keySet()));
    first.forEach((name, layer) -> assertEquals(layer.descriptor().digest(), second.get(name).descriptor().digest(),
        name + " is reproducible"));
  }

  @Test
  void filesAreRootOwnedReadOnlyUnlessExecutableWithTheirDirectoriesUnderTheAppRoot() throws IOException {
    List<LayerEntry> entries = WriteAppLayers.entries(plans().get(2), "/app");

    assertTrue(entries.contains(new LayerEntry.File("/app/classes/bin/run.sh", dir.resolve("run.sh"), 0755, 0, 0)),
        entries.toString());
    assertTrue(entries.contains(new LayerEntry.Directory("/app/classes/bin", 0755, 0, 0)), entries.toString());
    assertTrue(entries.stream().noneMatch(e -> e.path().equals("/app")), "the user layer makes /app");
    List<LayerEntry> jar = WriteAppLayers.entries(plans().get(0), "/srv");
    assertTrue(jar.contains(new LayerEntry.File("/app/libs/lib-1.0.jar", dir.resolve("lib-1.0.jar"), 0644, 0, 0)));
    assertTrue(jar.contains(new LayerEntry.Directory("/app", 0755, 0, 0)), "another working dir: /app is root's");
  }
}
