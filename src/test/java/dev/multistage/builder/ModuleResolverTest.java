package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.RuntimePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleResolverTest {
  private static final JdkPackages JDK = JdkPackages.of(Jdk.current().orElseThrow(), Optional.empty());

  @TempDir
  Path dir;

  private final List<String> log = new ArrayList<>();

  private static RuntimePlan plan(List<String> addModules, List<String> modules, List<Path> paths,
      Set<String> artifacts) {
    return new RuntimePlan(RuntimePlan.Jlink.ON, Runtime.version().feature(), addModules, modules, List.of(), paths, artifacts,
        List.of(), Optional.empty(), false, false);
  }

  private Path app() throws IOException {
    return CompiledSources.compile(dir.resolve("classes"), Map.of("a/App.java",
        "package a; public class App { java.sql.Date d; }"));
  }

  @Test
  void givesEveryModuleItsReasons() throws Exception {
    ModuleSet set = ModuleResolver.resolve(plan(List.of("jdk.jfr"), List.of(), List.of(app()),
        Set.of("com.fasterxml.jackson.core:jackson-databind")), JDK, dir.resolve("cache"), log::add);

    assertEquals(Set.of("uses in application classes"), set.reasons().get("java.sql").stream()
        .filter(r -> r.startsWith("uses")).collect(java.util.stream.Collectors.toSet()));
    assertTrue(set.reasons().get("java.desktop").stream().anyMatch(r -> r.startsWith("jackson-databind: ")),
        set.reasons().toString());
    assertTrue(set.reasons().get("jdk.crypto.ec").iterator().next().startsWith("TLS"));
    assertEquals(Set.of("addModules"), set.reasons().get("jdk.jfr"));
    assertTrue(log.get(0).startsWith("Module analysis: 0 jars (0 from the cache, 0 analysed)"), log.toString());
  }

  @Test
  void matchesRulesByArtifactIdGroupAndArtifactOrPrefix() {
    ModuleResolver.Rule byId = new ModuleResolver.Rule("h2", List.of("java.sql"), "x");
    ModuleResolver.Rule prefix = new ModuleResolver.Rule("ojdbc*", List.of("java.sql"), "x");
    ModuleResolver.Rule full = new ModuleResolver.Rule("org.example:h2", List.of("java.sql"), "x");
    assertTrue(byId.matches(Set.of("com.h2database:h2")));
    assertTrue(!byId.matches(Set.of("com.h2database:h2-mvstore")));
    assertTrue(prefix.matches(Set.of("com.oracle.database.jdbc:ojdbc11")));
    assertTrue(!full.matches(Set.of("com.h2database:h2")));
    assertTrue(ModuleResolver.RULES.size() > 40, "the rules file loads");
  }

  @Test
  void modulesSetsTheWholeListWithoutAnalysis() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip");
    ModuleSet set = ModuleResolver.resolve(plan(List.of("jdk.jfr"), List.of("java.sql", "java.naming"),
        List.of(broken), Set.of("org.springframework.boot:spring-boot")), JDK, dir.resolve("cache"), log::add);

    assertEquals(Set.of("java.base", "java.sql", "java.naming", "jdk.jfr"), set.modules());
    assertTrue(log.get(0).contains("skipped"), log.toString());
  }

  @Test
  void anUnreadableJarFailsWithTheJarAndTheFixUnlessAddModulesCoversIt() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken-1.0.jar"), "not a zip");
    ModuleResolver.AnalysisFailed e = assertThrows(ModuleResolver.AnalysisFailed.class, () ->
        ModuleResolver.resolve(plan(List.of(), List.of(), List.of(app(), broken), Set.of()), JDK,
            dir.resolve("cache"), log::add));
    assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    assertTrue(e.fix.contains("<addModules>") && e.fix.contains("<modules>"), e.fix);

    ModuleSet set = ModuleResolver.resolve(plan(List.of("java.naming"), List.of(), List.of(app(), broken),
        Set.of()), JDK, dir.resolve("cache"), log::add);
    assertTrue(set.modules().containsAll(Set.of("java.sql", "java.naming")), set.modules().toString());
    assertTrue(log.stream().anyMatch(l -> l.contains("could not read " + broken)), log.toString());
  }

  @Test
  void linksADevelopmentToolModuleOnlyWhenTheApplicationItselfUsesIt() throws Exception {
    String source = "package p; public class P { com.sun.source.tree.Tree tree; }";
    Path lib = CompiledSources.jar(CompiledSources.compile(dir.resolve("lib"), Map.of("p/P.java", source)),
        dir.resolve("codegen-1.0.jar"), "");
    ModuleSet libraryOnly = ModuleResolver.resolve(plan(List.of(), List.of(), List.of(app(), lib), Set.of()), JDK,
        dir.resolve("cache"), log::add);
    assertTrue(!libraryOnly.modules().contains("jdk.compiler"), libraryOnly.modules().toString());
    assertTrue(log.stream().anyMatch(l -> l.startsWith("Not linking jdk.compiler") && l.contains("codegen-1.0")),
        log.toString());

    Path own = CompiledSources.compile(dir.resolve("own"), Map.of("p/P.java", source));
    ModuleSet application = ModuleResolver.resolve(plan(List.of(), List.of(), List.of(own), Set.of()), JDK,
        dir.resolve("cache"), log::add);
    assertTrue(application.modules().contains("jdk.compiler"), application.modules().toString());
  }
}
