package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarkusFastJarTest {
  @TempDir
  Path target;

  private void file(String relative) throws IOException {
    Path f = target.resolve("quarkus-app").resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, relative);
  }

  @Test
  void layersTheFastJarByChangeRateAndKeepsItsLayout() throws IOException {
    for (String f : List.of("quarkus-run.jar", "lib/boot/quarkus-bootstrap-runner-3.33.2.jar",
        "lib/main/io.quarkus.quarkus-rest-3.33.2.jar", "lib/main/com.acme.lib-1.0-SNAPSHOT.jar",
        "quarkus/quarkus-application.dat", "quarkus/generated-bytecode.jar", "app/shop-1.0.jar")) {
      file(f);
    }

    QuarkusFastJar app = QuarkusFastJar.in(target, "/app").orElseThrow();

    Map<String, List<String>> layers = app.layers().stream().collect(Collectors.toMap(LayerPlan::name,
        l -> l.files().stream().map(LayerPlan.AppFile::target).toList()));
    assertEquals(List.of("/app/lib/boot/quarkus-bootstrap-runner-3.33.2.jar",
        "/app/lib/main/io.quarkus.quarkus-rest-3.33.2.jar"), layers.get("dependencies"));
    assertEquals(List.of("/app/lib/main/com.acme.lib-1.0-SNAPSHOT.jar"), layers.get("snapshot-dependencies"));
    assertEquals(List.of("/app/quarkus-run.jar", "/app/quarkus/generated-bytecode.jar",
        "/app/quarkus/quarkus-application.dat"), layers.get("resources"));
    assertEquals(List.of("/app/app/shop-1.0.jar"), layers.get("classes"));
    assertEquals(6, app.jars().size());
    assertEquals(List.of("/app/quarkus-run.jar"), QuarkusFastJar.classpath("/app"));
  }

  @Test
  void isAbsentWhenTheProjectBuiltNoFastJar() throws IOException {
    assertTrue(QuarkusFastJar.in(target, "/app").isEmpty());
    file("quarkus-run.jar");
    assertTrue(QuarkusFastJar.in(target, "/app").isEmpty(), "a runner without lib/ is not a fast-jar");
  }
}
