package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLayersTest {
  @TempDir
  Path dir;

  private Path file(String relative) throws IOException {
    Path f = dir.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, relative);
    return f;
  }

  private static ResolvedDependency jar(String group, String artifact, String version, Path file) {
    return new ResolvedDependency(group, artifact, version, "", "jar", version.endsWith("-SNAPSHOT"), file);
  }

  private static Map<String, List<String>> targets(AppLayers layers) {
    return layers.plans().stream().collect(Collectors.toMap(LayerPlan::name,
        l -> l.files().stream().map(LayerPlan.AppFile::target).toList()));
  }

  @Test
  void snapshotDependenciesGetTheirOwnLayerAndReactorModulesTheirs() throws IOException {
    Path classes = dir.resolve("classes");
    AppLayers layers = AppLayers.partition(List.of(
        jar("org.slf4j", "slf4j-api", "2.0.9", file("repo/slf4j-api-2.0.9.jar")),
        jar("com.acme", "lib", "1.0-SNAPSHOT", file("repo/lib-1.0-20240101.120000-1.jar")),
        jar("com.example", "shop-core", "1.0-SNAPSHOT", file("core/target/shop-core-1.0-SNAPSHOT.jar"))),
        classes, Set.of("com.example:shop-core", "com.example:shop-app"));

    Map<String, List<String>> targets = targets(layers);
    assertEquals(List.of("/app/libs/slf4j-api-2.0.9.jar"), targets.get("dependencies"));
    assertEquals(List.of("/app/libs/lib-1.0-SNAPSHOT.jar"), targets.get("snapshot-dependencies"),
        "named by base version, so a new timestamped snapshot keeps its path");
    assertEquals(List.of("/app/modules/shop-core-1.0-SNAPSHOT.jar"), targets.get("modules"));
    assertEquals(List.of("/app/classes", "/app/libs/slf4j-api-2.0.9.jar", "/app/libs/lib-1.0-SNAPSHOT.jar",
        "/app/modules/shop-core-1.0-SNAPSHOT.jar"), layers.classpath());
  }

  @Test
  void stacksLayersSlowestChangingFirst() {
    AppLayers layers = AppLayers.partition(List.of(), dir.resolve("classes"), Set.of());

    assertEquals(List.of("dependencies", "snapshot-dependencies", "modules", "resources", "classes"),
        layers.plans().stream().map(LayerPlan::name).toList());
    assertEquals(List.of("/app/classes"), layers.classpath());
    assertEquals(List.of(dir.resolve("classes")), layers.sources(), "the module analysis reads the classes directory");
  }

  @Test
  void splitsTheClassesDirectoryIntoResourcesAndClasses() throws IOException {
    file("classes/com/example/App.class");
    file("classes/application.properties");
    file("classes/static/index.html");

    Map<String, List<String>> targets = targets(AppLayers.partition(List.of(), dir.resolve("classes"), Set.of()));

    assertEquals(List.of("/app/classes/application.properties", "/app/classes/static/index.html"),
        targets.get("resources"));
    assertEquals(List.of("/app/classes/com/example/App.class"), targets.get("classes"));
  }

  @Test
  void aReactorModuleResolvedAsAClassesDirectoryIsCopiedUnderItsArtifactId() throws IOException {
    file("core/target/classes/com/example/core/Price.class");
    file("core/target/classes/prices.csv");
    Path moduleClasses = dir.resolve("core/target/classes");

    AppLayers layers = AppLayers.partition(List.of(jar("com.example", "core", "1.0", moduleClasses)),
        dir.resolve("classes"), Set.of("com.example:core"));

    assertEquals(List.of("/app/modules/core/com/example/core/Price.class", "/app/modules/core/prices.csv"),
        targets(layers).get("modules"));
    assertEquals(List.of("/app/classes", "/app/modules/core"), layers.classpath());
    assertEquals(List.of(dir.resolve("classes"), moduleClasses), layers.sources());
  }

  @Test
  void jarsWithTheSameNameFromTwoGroupsKeepBothWithTheSecondPrefixedByItsGroup() throws IOException {
    AppLayers layers = AppLayers.partition(List.of(
        jar("org.one", "utils", "1.0", file("one/utils-1.0.jar")),
        jar("org.two", "utils", "1.0", file("two/utils-1.0.jar"))), dir.resolve("classes"), Set.of());

    assertEquals(List.of("/app/libs/utils-1.0.jar", "/app/libs/org.two-utils-1.0.jar"),
        targets(layers).get("dependencies"));
  }

  @Test
  void namesAJarByArtifactIdBaseVersionClassifierAndExtension() {
    Path any = Path.of("x.jar");
    assertEquals("netty-transport-native-epoll-4.1.100-linux-x86_64.jar", new ResolvedDependency("io.netty",
        "netty-transport-native-epoll", "4.1.100", "linux-x86_64", "jar", false, any).fileName());
    assertEquals("shop-1.0.war",
        new ResolvedDependency("com.example", "shop", "1.0", "", "war", false, any).fileName());
  }

  @Test
  void aQuarkusFastJarKeepsItsLayersAndRunsThroughItsRunner() throws IOException {
    file("quarkus-app/quarkus-run.jar");
    file("quarkus-app/lib/main/io.quarkus.quarkus-core-3.0.jar");
    QuarkusFastJar quarkus = QuarkusFastJar.in(dir, "/app").orElseThrow();

    AppLayers layers = AppLayers.of(quarkus);

    assertEquals(quarkus.layers(), layers.plans());
    assertEquals(List.of("/app/quarkus-run.jar"), layers.classpath());
    assertEquals(quarkus.jars(), layers.sources());
  }
}
