package dev.multistage.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the JDK modules an application's classes and jars use, by reading every class file's constant pool (what
 * jdeps reads) and mapping the packages to the linking JDK's modules. Never resolves the jars as modules, so a
 * module-info that requires a module nobody ships cannot fail it. A jar's result is cached under the digest of its
 * content, the target Java version and the JDK's package map: a rebuild reads only the application's own classes.
 */
public final class ModuleAnalysis {
  /** How the application's own classes directories are named in reasons. */
  static final String APPLICATION = "application classes";

  /**
   * Tool modules a library may name or use as an option (H2 compiles user functions with javac if it is there;
   * vertx-codegen is an annotation processor Quarkus ships) but that a service never needs to start: only the
   * application's own use or {@code addModules} links them.
   */
  static final java.util.Set<String> DEVELOPMENT_TOOLS = java.util.Set.of("jdk.compiler", "jdk.javadoc",
      "jdk.jshell", "jdk.jdi", "jdk.jdwp.agent", "jdk.jconsole", "jdk.hotspot.agent", "jdk.jlink", "jdk.jdeps",
      "jdk.jpackage", "jdk.jstatd", "jdk.jartool", "jdk.editpad", "jdk.internal.ed", "jdk.internal.le",
      "jdk.internal.opt", "jdk.jcmd");
  /** How a module is needed, strongest first: a jar keeps the strongest reason it has. */
  private static final List<String> ORDER = List.of("uses", "requires", "calls", "charset", "names");
  private static final int PARALLELISM = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private ModuleAnalysis() {}

  /**
   * What one jar or classes directory needs: each module with how it is needed ({@code uses}, {@code requires},
   * {@code names <class>}, {@code calls <member>}, {@code charset <name>}), the class files it could not read, and
   * for application classes the locales they choose ({@code de} for {@code Locale.GERMAN}; {@code *} when they
   * build one from a tag, which could be any).
   */
  public record Findings(Map<String, String> modules, int unreadableClasses, java.util.Set<String> locales) {}

  /**
   * The analysis of a whole class path.
   *
   * @param byOrigin each analysed jar or directory (by its file name) and what it needs
   * @param unreadable jars that are not readable archives, with why
   */
  public record Result(Map<String, Findings> byOrigin, Map<Path, String> unreadable, int fromCache, int analysed,
      long millis) {}

  public static Result analyse(List<Path> paths, int feature, JdkPackages jdk, Path cacheDirectory) {
    long start = System.nanoTime();
    ForkJoinPool pool = new ForkJoinPool(PARALLELISM);
    try {
      List<Outcome> outcomes = pool.submit(() -> paths.parallelStream()
          .map(p -> outcome(p, feature, jdk, cacheDirectory)).toList()).get();
      Map<String, Findings> byOrigin = new LinkedHashMap<>();
      Map<Path, String> unreadable = new LinkedHashMap<>();
      int cached = 0;
      int analysed = 0;
      for (Outcome o : outcomes) {
        if (o.error().isPresent()) {
          unreadable.put(o.path(), o.error().get());
          continue;
        }
        byOrigin.put(origin(o.path()), o.findings());
        if (Files.isRegularFile(o.path())) {
          cached += o.cached() ? 1 : 0;
          analysed += o.cached() ? 0 : 1;
        }
      }
      return new Result(byOrigin, unreadable, cached, analysed, (System.nanoTime() - start) / 1_000_000);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during module analysis", e);
    } finally {
      pool.shutdown();
    }
  }

  /** How a path is named in reasons: a jar's file name without {@code .jar}, a directory as the application. */
  static String origin(Path path) {
    String name = path.getFileName().toString();
    return Files.isDirectory(path) ? APPLICATION + (name.equals("classes") ? "" : " (" + name + ")")
        : name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
  }

  private record Outcome(Path path, Findings findings, boolean cached, Optional<String> error) {}

  private static Outcome outcome(Path path, int feature, JdkPackages jdk, Path cacheDirectory) {
    try {
      if (Files.isDirectory(path)) {
        return new Outcome(path, scanDirectory(path, feature, jdk), false, Optional.empty());
      }
      if (!Files.isRegularFile(path)) {
        return new Outcome(path, new Findings(Map.of(), 0, java.util.Set.of()), false, Optional.empty());
      }
      FindingsCache cache = new FindingsCache(cacheDirectory, feature, jdk);
      Path entry = cache.entry(path);
      Optional<Findings> cached = cache.read(entry);
      if (cached.isPresent()) {
        return new Outcome(path, cached.get(), true, Optional.empty());
      }
      Findings findings = scanJar(path, feature, jdk);
      cache.write(entry, findings);
      return new Outcome(path, findings, false, Optional.empty());
    } catch (java.util.zip.ZipException e) {
      return new Outcome(path, null, false, Optional.of("not a readable jar (" + e.getMessage() + ")"));
    } catch (IOException e) {
      return new Outcome(path, null, false, Optional.of(e.toString()));
    }
  }

  static Findings scanJar(Path jar, int feature, JdkPackages jdk) throws IOException {
    Scan scan = new Scan(jdk, false);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : zip.stream().toList()) {
        if (!e.isDirectory() && included(e.getName(), feature)) {
          try (InputStream in = zip.getInputStream(e)) {
            scan.add(in.readAllBytes());
          }
        }
      }
    }
    return scan.findings();
  }

  static Findings scanDirectory(Path dir, int feature, JdkPackages jdk) throws IOException {
    Scan scan = new Scan(jdk, true);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        if (included(dir.relativize(f).toString().replace('\\', '/'), feature)) {
          scan.add(Files.readAllBytes(f));
        }
      }
    }
    return scan.findings();
  }

  /** Class files that load on the target Java version: a multi-release jar's versions up to it, never above. */
  static boolean included(String name, int feature) {
    if (!name.endsWith(".class")) {
      return false;
    }
    if (name.startsWith("META-INF/versions/")) {
      String rest = name.substring("META-INF/versions/".length());
      int slash = rest.indexOf('/');
      return slash > 0 && rest.substring(0, slash).matches("\\d+")
          && Integer.parseInt(rest.substring(0, slash)) <= feature;
    }
    return !name.startsWith("META-INF/");
  }

  /** Accumulates the class files of one jar or directory. */
  private static final class Scan {
    private final JdkPackages jdk;
    private final boolean application;
    private final Map<String, String> modules = new TreeMap<>();
    private final java.util.Set<String> locales = new java.util.TreeSet<>();
    private int unreadable;

    Scan(JdkPackages jdk, boolean application) {
      this.jdk = jdk;
      this.application = application;
    }

    void add(byte[] classFile) {
      ClassReferences refs;
      try {
        refs = ClassReferences.read(classFile);
      } catch (IOException | RuntimeException e) {
        unreadable++;
        return;
      }
      refs.packages().forEach(p -> jdk.moduleOf(p).ifPresent(m -> put(m, "uses")));
      refs.requires().stream().filter(jdk.modules()::contains).forEach(m -> put(m, "requires"));
      for (String c : refs.namedClasses()) {
        jdk.moduleOf(c.substring(0, c.lastIndexOf('.'))).filter(m -> !DEVELOPMENT_TOOLS.contains(m))
            .ifPresent(m -> put(m, "names " + c));
      }
      for (String member : refs.members()) {
        if (member.startsWith("java.nio.file.FileSystems")) {
          put("jdk.zipfs", "calls " + member.substring("java.nio.file.".length()));
        } else if (application) {
          // libraries name locales for parsing; only the application's own choice of a locale means it formats for one
          put("jdk.localedata", "calls " + member.substring("java.util.".length()));
          locales.add(ClassReferences.LOCALE_TAGS.getOrDefault(member, "*"));
        }
      }
      refs.strings().stream().filter(Charsets::extended).findFirst()
          .ifPresent(name -> put("jdk.charsets", "charset " + name));
    }

    private void put(String module, String how) {
      if (!jdk.modules().contains(module)) {
        return;
      }
      String kind = how.split(" ")[0];
      modules.merge(module, how, (old, neu) -> ORDER.indexOf(kind) < ORDER.indexOf(old.split(" ")[0]) ? neu : old);
    }

    Findings findings() {
      return new Findings(modules, unreadable, locales);
    }
  }
}
