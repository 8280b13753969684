package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassReferencesTest {
  @TempDir
  Path dir;

  private ClassReferences compiled(String name, String source) throws IOException {
    Path out = CompiledSources.compile(dir.resolve("out"), Map.of(name + ".java", source));
    return ClassReferences.read(Files.readAllBytes(out.resolve(name + ".class")));
  }

  @Test
  void readsPackagesOfClassEntriesDescriptorsSignaturesAndAnnotations() throws IOException {
    ClassReferences refs = compiled("Uses", """
        import java.util.List;
        public class Uses {
          java.sql.Date date;
          List<java.util.logging.Level> levels;
          @java.beans.Transient public Object get() { return null; }
          void lookup(javax.naming.Context context) {}
          Object make() { return new java.util.concurrent.atomic.LongAdder(); }
        }
        """);
    assertTrue(refs.packages().containsAll(Set.of("java.sql", "java.util.logging", "java.beans", "javax.naming",
        "java.util.concurrent.atomic", "java.lang")), refs.packages().toString());
  }

  @Test
  void readsClassNamesHeldAsStringsForReflection() throws IOException {
    ClassReferences refs = compiled("Reflects", """
        public class Reflects {
          Object bean() throws Exception { return Class.forName("com.sun.management.OperatingSystemMXBean"); }
          String text() { return "hello world"; }
        }
        """);
    assertEquals(Set.of("com.sun.management.OperatingSystemMXBean"), refs.namedClasses());
    assertTrue(refs.strings().contains("hello world"));
    assertTrue(!refs.packages().contains("com.sun.management"), "a string is not a class reference");
  }

  @Test
  void readsWatchedMembersOnly() throws IOException {
    ClassReferences refs = compiled("Members", """
        import java.net.URI;
        import java.nio.file.FileSystems;
        import java.util.Locale;
        import java.util.Map;
        public class Members {
          Object zip() throws Exception { return FileSystems.newFileSystem(URI.create("jar:file:/x.jar"), Map.of()); }
          Locale german() { return Locale.GERMAN; }
          Locale english() { return Locale.ENGLISH; }
        }
        """);
    assertEquals(Set.of("java.nio.file.FileSystems.newFileSystem", "java.util.Locale.GERMAN"), refs.members());
  }

  @Test
  void readsNonStaticRequiresOfAModuleInfoEvenWhenTheRequiredModuleIsAbsent() throws IOException {
    Path cdi = CompiledSources.compile(dir.resolve("cdi"), Map.of("module-info.java", "module jakarta.cdi {}"));
    Path out = CompiledSources.compile(dir.resolve("tx"), Map.of("module-info.java", """
        module jakarta.transaction {
          requires transitive jakarta.cdi;
          requires java.transaction.xa;
          requires static java.desktop;
        }
        """), "--module-path", cdi.toString());
    ClassReferences refs = ClassReferences.read(Files.readAllBytes(out.resolve("module-info.class")));
    assertEquals(Set.of("jakarta.cdi", "java.transaction.xa", "java.base"), refs.requires());
  }

  @Test
  void readsRequiresWhenMoreAttributesFollowTheModuleAttribute() throws IOException {
    Path out = CompiledSources.compile(dir.resolve("app"), Map.of(
        "module-info.java", "module shop { requires java.logging; exports shop; }",
        "shop/Main.java", "package shop; public class Main { public static void main(String[] a) {} }"));
    Path jar = dir.resolve("shop.jar");
    int rc = java.util.spi.ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err,
        "--create", "--file", jar.toString(), "--main-class", "shop.Main", "-C", out.toString(), ".");
    assertEquals(0, rc);
    byte[] moduleInfo;
    try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
      moduleInfo = zip.getInputStream(zip.getEntry("module-info.class")).readAllBytes();
    }
    assertTrue(new String(moduleInfo, java.nio.charset.StandardCharsets.ISO_8859_1).contains("ModuleMainClass"),
        "the jar tool added attributes after Module");
    assertEquals(Set.of("java.logging", "java.base"), ClassReferences.read(moduleInfo).requires());
  }

  @Test
  void refusesBytesThatAreNotAClassFile() throws IOException {
    ClassReferences good = compiled("Small", "public class Small {}");
    assertTrue(good.packages().contains("java.lang"));
    byte[] bytes = Files.readAllBytes(dir.resolve("out/Small.class"));
    assertThrows(IOException.class, () -> ClassReferences.read("not a class".getBytes()));
    assertThrows(IOException.class, () -> ClassReferences.read(Arrays.copyOf(bytes, bytes.length / 2)));
  }
}
