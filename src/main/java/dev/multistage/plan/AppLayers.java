package dev.multistage.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The application's layers, slowest-changing first, the class path that goes with them, and what they come from.
 *
 * @param plans {@code dependencies}, {@code snapshot-dependencies}, {@code modules}, {@code resources}, {@code classes}
 * @param classpath the class path in the image, in order
 * @param sources the classes directories and jars on disk, for the module analysis
 */
public record AppLayers(List<LayerPlan> plans, List<String> classpath, List<Path> sources) {
  private static final String APP_ROOT = ContainerSettings.APP_ROOT;

  public AppLayers {
    plans = List.copyOf(plans);
    classpath = List.copyOf(classpath);
    sources = List.copyOf(sources);
  }

  /**
   * Splits a plain application by change rate: released jars under {@code /app/libs}, snapshots in their own layer,
   * the reactor's modules under {@code /app/modules}, then the classes directory's resources and its classes.
   *
   * @param reactorKeys the build's own modules as {@code groupId:artifactId}
   */
  public static AppLayers partition(List<ResolvedDependency> dependencies, Path classesDirectory,
      Set<String> reactorKeys) {
    List<LayerPlan.AppFile> releases = new ArrayList<>();
    List<LayerPlan.AppFile> snapshots = new ArrayList<>();
    List<LayerPlan.AppFile> modules = new ArrayList<>();
    List<String> classpath = new ArrayList<>(List.of(APP_ROOT + "/classes"));
    List<Path> sources = new ArrayList<>(List.of(classesDirectory));
    Set<String> names = new HashSet<>();
    for (ResolvedDependency d : dependencies) {
      Path file = d.file();
      sources.add(file);
      boolean inReactor = reactorKeys.contains(d.key());
      List<LayerPlan.AppFile> target = inReactor ? modules : d.snapshot() ? snapshots : releases;
      if (Files.isDirectory(file)) {
        String dir = APP_ROOT + "/modules/" + d.artifactId();
        files(file).forEach(f -> target.add(new LayerPlan.AppFile(f, dir + "/" + slash(file.relativize(f)))));
        classpath.add(dir);
        continue;
      }
      String name = d.fileName();
      // two groups may ship the same artifactId and version; the group keeps both jars on the class path
      if (!names.add(name)) {
        name = d.groupId() + "-" + name;
        names.add(name);
      }
      String imagePath = APP_ROOT + (inReactor ? "/modules/" : "/libs/") + name;
      target.add(new LayerPlan.AppFile(file, imagePath));
      classpath.add(imagePath);
    }
    List<LayerPlan.AppFile> resources = new ArrayList<>();
    List<LayerPlan.AppFile> classes = new ArrayList<>();
    if (Files.isDirectory(classesDirectory)) {
      for (Path f : files(classesDirectory)) {
        String imagePath = APP_ROOT + "/classes/" + slash(classesDirectory.relativize(f));
        (f.toString().endsWith(".class") ? classes : resources).add(new LayerPlan.AppFile(f, imagePath));
      }
    }
    return new AppLayers(List.of(
        new LayerPlan("dependencies", releases),
        new LayerPlan("snapshot-dependencies", snapshots),
        new LayerPlan("modules", modules),
        new LayerPlan("resources", resources),
        new LayerPlan("classes", classes)), classpath, sources);
  }

  /** A Quarkus fast-jar's layers, started through its runner jar. */
  public static AppLayers of(QuarkusFastJar quarkus) {
    return new AppLayers(quarkus.layers(), QuarkusFastJar.classpath(APP_ROOT), quarkus.jars());
  }

  /** The regular files under {@code dir}, sorted so the layers do not depend on the file system's order. */
  static List<Path> files(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String slash(Path relative) {
    return relative.toString().replace('\\', '/');
  }
}
