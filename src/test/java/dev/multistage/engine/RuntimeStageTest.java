package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multistage.plan.LayerPlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeStageTest {

  @Test
  void theStartUpCheckRunsTheImagesClassPathAsThisMachinesFiles() {
    Path classes = Path.of("/work/shop/target/classes");
    Path lib = Path.of("/home/ci/.m2/repository/org/acme/lib/1.0/lib-1.0.jar");
    List<LayerPlan> layers = List.of(
        new LayerPlan("dependencies", List.of(new LayerPlan.AppFile(lib, "/app/libs/lib-1.0.jar"))),
        new LayerPlan("classes", List.of(
            new LayerPlan.AppFile(classes.resolve("com/acme/Main.class"), "/app/classes/com/acme/Main.class"))));

    assertEquals(List.of(classes, lib),
        RuntimeStage.hostClasspath(List.of("/app/classes", "/app/libs/lib-1.0.jar", "/app/missing.jar"), layers));
  }

  @Test
  void aQuarkusRunnerJarIsRunFromItsFastJarDirectory() {
    Path app = Path.of("/work/shop/target/quarkus-app");
    List<LayerPlan> layers = List.of(new LayerPlan("resources", List.of(
        new LayerPlan.AppFile(app.resolve("quarkus-run.jar"), "/app/quarkus-run.jar"))));

    assertEquals(List.of(app.resolve("quarkus-run.jar")),
        RuntimeStage.hostClasspath(List.of("/app/quarkus-run.jar"), layers));
  }
}
