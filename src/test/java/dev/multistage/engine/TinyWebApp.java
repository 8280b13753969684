package dev.multistage.engine;

import dev.multistage.plan.LayerPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A tiny jdk.httpserver application compiled at test time: {@code demo.Hello <port>} answers 200 on
 * {@code /health} and the greeting on {@code /}. It fills three application layers: a library jar
 * ({@code dependencies}), {@code greeting.txt} ({@code resources}) and two classes ({@code classes}).
 */
final class TinyWebApp {
  static final String MAIN_CLASS = "demo.Hello";
  static final String LIBRARY = "/app/libs/greeting-lib-1.0.jar";
  static final List<String> CLASSPATH = List.of("/app/classes", LIBRARY);

  private final Path root;

  private TinyWebApp(Path root) {
    this.root = root;
  }

  /** Compiles the app into {@code root}/classes, with {@code greeting} as the text {@code demo.Greeting} returns. */
  static TinyWebApp compile(Path root, String greeting) {
    TinyWebApp app = new TinyWebApp(root);
    try {
      Files.createDirectories(app.classes());
      Files.writeString(app.classes().resolve("greeting.txt"), "served by a tiny app\n");
      writeLibrary(root.resolve("lib/greeting-lib-1.0.jar"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    app.recompile(greeting);
    return app;
  }

  /** Compiles the classes again in place with another greeting; the jar and the resource stay as they are. */
  void recompile(String greeting) {
    Path src = root.resolve("src/demo");
    try {
      Files.createDirectories(src);
      Files.writeString(src.resolve("Greeting.java"), """
          package demo;

          final class Greeting {
            static String text() {
              return "%s";
            }
          }
          """.formatted(greeting));
      Files.writeString(src.resolve("Hello.java"), """
          package demo;

          import com.sun.net.httpserver.HttpExchange;
          import com.sun.net.httpserver.HttpServer;
          import java.io.IOException;
          import java.net.InetSocketAddress;
          import java.nio.charset.StandardCharsets;

          public final class Hello {
            public static void main(String[] args) throws IOException {
              HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[0])), 0);
              server.createContext("/health", exchange -> answer(exchange, "UP"));
              server.createContext("/", exchange -> answer(exchange, Greeting.text()));
              server.start();
            }

            private static void answer(HttpExchange exchange, String body) throws IOException {
              byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, bytes.length);
              exchange.getResponseBody().write(bytes);
              exchange.close();
            }
          }
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new AssertionError("tests need a JDK (javax.tools has no system compiler)");
    }
    StringWriter diagnostics = new StringWriter();
    boolean ok = javac.getTask(diagnostics, null, null,
        List.of("--release", "17", "-d", classes().toString()), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
            .getJavaFileObjects(src.resolve("Greeting.java"), src.resolve("Hello.java"))).call();
    if (!ok) {
      throw new AssertionError("the tiny app does not compile:\n" + diagnostics);
    }
  }

  Path classes() {
    return root.resolve("classes");
  }

  /** What jdeps analyses: the classes and the library jar. */
  List<Path> analysisPaths() {
    return List.of(classes(), root.resolve("lib/greeting-lib-1.0.jar"));
  }

  /** {@code dependencies}, {@code resources} and {@code classes}, as PlanFactory orders them. */
  List<LayerPlan> layers() {
    List<LayerPlan.AppFile> resources = new java.util.ArrayList<>();
    List<LayerPlan.AppFile> classes = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.walk(classes())) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String target = "/app/classes/" + classes().relativize(f).toString().replace('\\', '/');
        (f.toString().endsWith(".class") ? classes : resources).add(new LayerPlan.AppFile(f, target));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.of(
        new LayerPlan("dependencies", List.of(new LayerPlan.AppFile(root.resolve("lib/greeting-lib-1.0.jar"), LIBRARY))),
        new LayerPlan("resources", resources),
        new LayerPlan("classes", classes));
  }

  /** A jar whose bytes do not depend on when it was written. */
  private static void writeLibrary(Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      JarEntry entry = new JarEntry("greeting/words.txt");
      entry.setTimeLocal(LocalDateTime.of(2020, 1, 1, 0, 0));
      out.putNextEntry(entry);
      out.write("hello\nbonjour\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }
}
