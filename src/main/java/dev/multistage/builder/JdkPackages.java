package dev.multistage.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.lang.module.ModuleFinder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Which module of the linking JDK holds each package: from a directory of jmods (a builder image's), or from a
 * JDK's own run-time image through its jrt file system, which works for JDKs without jmods too.
 *
 * @param modules every module, by name
 * @param digest identifies this map in cache keys
 */
public record JdkPackages(Map<String, String> moduleOfPackage, Set<String> modules, String digest) {
  private static final Map<String, JdkPackages> LOADED = new ConcurrentHashMap<>();

  public JdkPackages {
    moduleOfPackage = Collections.unmodifiableMap(new TreeMap<>(moduleOfPackage));
    modules = Collections.unmodifiableSet(new TreeSet<>(modules));
  }

  /** The packages of {@code jmods} when given, else of {@code jdk}'s run-time image; read once per build JVM. */
  public static JdkPackages of(Jdk jdk, Optional<Path> jmods) {
    String key = jmods.map(p -> "jmods " + p.toAbsolutePath()).orElse("jdk " + jdk.home().toAbsolutePath());
    return LOADED.computeIfAbsent(key, k -> {
      try {
        return from(jmods.isPresent() ? fromJmods(jmods.get()) : fromRuntimeImage(jdk.home()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the modules of " + key, e);
      }
    });
  }

  public Optional<String> moduleOf(String dottedPackage) {
    return Optional.ofNullable(moduleOfPackage.get(dottedPackage));
  }

  static JdkPackages from(Map<String, String> moduleOfPackage) {
    Set<String> modules = new TreeSet<>(moduleOfPackage.values());
    StringBuilder text = new StringBuilder();
    new TreeMap<>(moduleOfPackage).forEach((p, m) -> text.append(p).append('=').append(m).append('\n'));
    return new JdkPackages(moduleOfPackage, modules, CacheKey.of(text.toString()));
  }

  private static Map<String, String> fromJmods(Path jmods) throws IOException {
    Map<String, String> map = new TreeMap<>();
    try (Stream<Path> files = Files.list(jmods)) {
      for (Path jmod : files.filter(p -> p.toString().endsWith(".jmod")).sorted().toList()) {
        String module = jmod.getFileName().toString().replaceFirst("\\.jmod$", "");
        try (ZipFile zip = new ZipFile(jmod.toFile())) {
          zip.stream().map(e -> e.getName()).filter(n -> n.startsWith("classes/") && n.endsWith(".class"))
              .filter(n -> n.lastIndexOf('/') > "classes".length())
              .forEach(n -> map.put(n.substring(8, n.lastIndexOf('/')).replace('/', '.'), module));
        }
      }
    }
    return map;
  }

  /** The running JDK's packages from its module finder; another JDK's from its jrt file system. */
  private static Map<String, String> fromRuntimeImage(Path home) throws IOException {
    Map<String, String> map = new TreeMap<>();
    if (home.toAbsolutePath().normalize().equals(Path.of(System.getProperty("java.home")).toAbsolutePath()
        .normalize())) {
      ModuleFinder.ofSystem().findAll().forEach(m -> m.descriptor().packages()
          .forEach(p -> map.put(p, m.descriptor().name())));
      return map;
    }
    try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", home.toString()))) {
      List<String> names;
      try (Stream<Path> packages = Files.list(jrt.getPath("/packages"))) {
        names = packages.map(p -> p.getFileName().toString()).sorted().toList();
      }
      for (int i = 0; i < names.size(); i++) {
        String pkg = names.get(i);
        // /packages also lists parents of packages (jdk.management for jdk.management.jfr): check those
        boolean parent = i + 1 < names.size() && names.get(i + 1).startsWith(pkg + ".");
        try (Stream<Path> owners = Files.list(jrt.getPath("/packages", pkg))) {
          owners.map(m -> m.getFileName().toString()).filter(m -> !parent || hasClasses(jrt, m, pkg)).findFirst()
              .ifPresent(m -> map.put(pkg, m));
        }
      }
    }
    return map;
  }

  private static boolean hasClasses(FileSystem jrt, String module, String pkg) {
    try (Stream<Path> files = Files.list(jrt.getPath("/modules", module, pkg.replace('.', '/')))) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".class"));
    } catch (IOException e) {
      return false;
    }
  }
}
