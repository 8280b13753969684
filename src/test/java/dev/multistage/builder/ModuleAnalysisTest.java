package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleAnalysisTest {
  private static final JdkPackages JDK = JdkPackages.of(Jdk.current().orElseThrow(), Optional.empty());
  private static final int FEATURE = Runtime.version().feature();

  @TempDir
  Path dir;

  @Test
  void analysesAJarWhoseModuleInfoRequiresAModuleNobodyShips() throws IOException {
    Path cdi = CompiledSources.compile(dir.resolve("cdi"), Map.of("module-info.java", "module jakarta.cdi {}"));
    Path tx = CompiledSources.compile(dir.resolve("tx"), Map.of(
        "module-info.java", "module jakarta.transaction { requires transitive jakarta.cdi; requires java.naming; requires static java.sql;"
            + " exports jakarta.transaction; }",
        "jakarta/transaction/Tx.java", "package jakarta.transaction; public class Tx { java.sql.Date when; }"),
        "--module-path", cdi.toString());
    Path jar = CompiledSources.jar(tx, dir.resolve("jakarta.transaction-api-2.0.1.jar"), "");

    ModuleAnalysis.Result result = ModuleAnalysis.analyse(List.of(jar), FEATURE, JDK, dir.resolve("cache"));

    assertTrue(result.unreadable().isEmpty(), result.unreadable().toString());
    Map<String, String> modules = result.byOrigin().get("jakarta.transaction-api-2.0.1").modules();
    assertEquals("uses", modules.get("java.sql"));
    assertEquals("requires", modules.get("java.naming"));
    assertFalse(modules.containsKey("jakarta.cdi"), "only JDK modules are linked");
  }

  @Test
  void readsMultiReleaseVersionsUpToTheTargetOnly() throws IOException {
    Path base = CompiledSources.compile(dir.resolve("base"), Map.of("a/A.java", "package a; public class A {}"));
    Path v11 = CompiledSources.compile(dir.resolve("v11"), Map.of("a/A.java",
        "package a; public class A { java.util.logging.Logger log; }"));
    Path v99 = CompiledSources.compile(dir.resolve("v99"), Map.of("a/A.java",
        "package a; public class A { java.sql.Date date; }"));
    Path mr = dir.resolve("mr");
    copy(base, mr, "");
    copy(v11, mr, "META-INF/versions/11/");
    copy(v99, mr, "META-INF/versions/99/");
    Path jar = CompiledSources.jar(mr, dir.resolve("mr-1.0.jar"), "");

    Map<String, String> modules = ModuleAnalysis.analyse(List.of(jar), FEATURE, JDK, dir.resolve("cache"))
        .byOrigin().get("mr-1.0").modules();

    assertTrue(modules.containsKey("java.logging"), modules.toString());
    assertFalse(modules.containsKey("java.sql"), "versions above the target never load: " + modules);
  }

  @Test
  void cachesAJarByContentAndRereadsItWhenItChanges() throws IOException {
    Path classes = CompiledSources.compile(dir.resolve("lib"), Map.of("l/L.java",
        "package l; public class L { java.sql.Date d; }"));
    Path jar = CompiledSources.jar(classes, dir.resolve("lib-1.0.jar"), "");
    Path app = CompiledSources.compile(dir.resolve("classes"), Map.of("app/Main.java",
        "package app; public class Main { java.util.logging.Logger log; }"));
    Path cache = dir.resolve("cache");

    ModuleAnalysis.Result cold = ModuleAnalysis.analyse(List.of(app, jar), FEATURE, JDK, cache);
    ModuleAnalysis.Result warm = ModuleAnalysis.analyse(List.of(app, jar), FEATURE, JDK, cache);
    Files.writeString(classes.resolve("l/extra.txt"), "changed");
    CompiledSources.jar(classes, jar, "");
    ModuleAnalysis.Result changed = ModuleAnalysis.analyse(List.of(app, jar), FEATURE, JDK, cache);

    assertEquals(List.of(0, 1), List.of(cold.fromCache(), cold.analysed()));
    assertEquals(List.of(1, 0), List.of(warm.fromCache(), warm.analysed()));
    assertEquals(cold.byOrigin(), warm.byOrigin());
    assertEquals(List.of(0, 1), List.of(changed.fromCache(), changed.analysed()));
    assertEquals("uses", warm.byOrigin().get("application classes").modules().get("java.logging"));
  }

  @Test
  void reportsAFileThatIsNotAJarAndSkipsBrokenClassFiles() throws IOException {
    Path notJar = Files.writeString(dir.resolve("broken-1.0.jar"), "not a zip");
    Path classes = CompiledSources.compile(dir.resolve("c"), Map.of("c/C.java",
        "package c; public class C { java.sql.Date d; }"));
    Files.write(classes.resolve("c/Broken.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
    Path withBroken = CompiledSources.jar(classes, dir.resolve("shaded-1.0.jar"), "");

    ModuleAnalysis.Result result = ModuleAnalysis.analyse(List.of(notJar, withBroken), FEATURE, JDK,
        dir.resolve("cache"));

    assertTrue(result.unreadable().get(notJar).startsWith("not a readable jar"), result.unreadable().toString());
    ModuleAnalysis.Findings shaded = result.byOrigin().get("shaded-1.0");
    assertEquals(1, shaded.unreadableClasses());
    assertEquals("uses", shaded.modules().get("java.sql"));
  }

  @Test
  void findsReflectiveNamesZipFileSystemsAndTheApplicationsOwnLocaleChoice() throws IOException {
    String source = """
        package r;
        public class R {
          Object os() throws Exception { return Class.forName("com.sun.management.OperatingSystemMXBean"); }
          Object javac() throws Exception { return Class.forName("com.sun.tools.javac.Main"); }
          Object zip(java.nio.file.Path p) throws Exception { return java.nio.file.FileSystems.newFileSystem(p); }
          java.util.Locale de() { return java.util.Locale.GERMAN; }
          java.nio.charset.Charset sjis() { return java.nio.charset.Charset.forName("Shift_JIS"); }
        }
        """;
    Path app = CompiledSources.compile(dir.resolve("classes"), Map.of("r/R.java", source));
    Path lib = CompiledSources.jar(CompiledSources.compile(dir.resolve("lib"), Map.of("r/R.java", source)),
        dir.resolve("lib-1.0.jar"), "");

    ModuleAnalysis.Result result = ModuleAnalysis.analyse(List.of(app, lib), FEATURE, JDK, dir.resolve("cache"));

    Map<String, String> appModules = result.byOrigin().get("application classes").modules();
    assertEquals("names com.sun.management.OperatingSystemMXBean", appModules.get("jdk.management"));
    assertEquals("calls FileSystems.newFileSystem", appModules.get("jdk.zipfs"));
    assertEquals("calls Locale.GERMAN", appModules.get("jdk.localedata"));
    assertEquals("charset Shift_JIS", appModules.get("jdk.charsets"));
    assertFalse(appModules.containsKey("jdk.compiler"), "a tool module named as a string is not linked");
    assertFalse(result.byOrigin().get("lib-1.0").modules().containsKey("jdk.localedata"),
        "a library naming a locale does not choose one for the app");
  }

  private static void copy(Path from, Path to, String prefix) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(prefix + from.relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }
}
