package dev.multistage.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Quarkus application as its build packages it: the fast-jar {@code target/quarkus-app/} (quarkus-run.jar,
 * lib/boot, lib/main, app/, quarkus/). Quarkus' own runner must start it — it reads the generated
 * {@code quarkus/quarkus-application.dat}, not a class path — so the image holds that layout as is, split into
 * layers by change rate: libraries, then the generated Quarkus files, then the application's jar.
 */
public record QuarkusFastJar(Path root, List<LayerPlan> layers, List<Path> jars) {
  public static final String MAIN_CLASS = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
  public static final String RUNNER = "quarkus-run.jar";

  /** The fast-jar under {@code buildDirectory/quarkus-app}, when the project built one. */
  public static Optional<QuarkusFastJar> in(Path buildDirectory, String workingDir) {
    Path root = buildDirectory.resolve("quarkus-app");
    if (!Files.isRegularFile(root.resolve(RUNNER)) || !Files.isDirectory(root.resolve("lib"))) {
      return Optional.empty();
    }
    List<LayerPlan.AppFile> releases = new ArrayList<>();
    List<LayerPlan.AppFile> snapshots = new ArrayList<>();
    List<LayerPlan.AppFile> generated = new ArrayList<>();
    List<LayerPlan.AppFile> app = new ArrayList<>();
    List<Path> jars = new ArrayList<>();
    for (Path f : AppLayers.files(root)) {
      String relative = root.relativize(f).toString().replace('\\', '/');
      LayerPlan.AppFile file = new LayerPlan.AppFile(f, workingDir + "/" + relative);
      if (relative.startsWith("lib/")) {
        (relative.contains("-SNAPSHOT") ? snapshots : releases).add(file);
      } else if (relative.startsWith("app/")) {
        app.add(file);
      } else {
        generated.add(file);
      }
      if (relative.endsWith(".jar")) {
        jars.add(f);
      }
    }
    return Optional.of(new QuarkusFastJar(root, List.of(
        new LayerPlan("dependencies", releases),
        new LayerPlan("snapshot-dependencies", snapshots),
        new LayerPlan("modules", List.of()),
        new LayerPlan("resources", generated),
        new LayerPlan("classes", app)), jars));
  }

  /** The class path the image runs with: the runner jar, whose manifest names the boot libraries. */
  public static List<String> classpath(String workingDir) {
    return List.of(workingDir + "/" + RUNNER);
  }
}
