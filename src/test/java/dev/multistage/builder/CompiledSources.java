package dev.multistage.builder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Java sources compiled at test time, and jars made of them: the analysis reads real class files. */
final class CompiledSources {
  private CompiledSources() {}

  /** Compiles {@code sources} (path → text) into {@code out}, with extra javac options; returns {@code out}. */
  static Path compile(Path out, Map<String, String> sources, String... options) throws IOException {
    Path src = Files.createTempDirectory(out.getParent(), "src-");
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-nowarn"));
    args.addAll(List.of(options));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int rc = javac.run(null, OutputStream.nullOutputStream(), errors, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException("javac failed: " + errors);
    }
    return out;
  }

  /** A jar of everything under {@code dir}, each entry at {@code prefix} + its relative path. */
  static Path jar(Path dir, Path jar, String prefix) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(prefix + dir.relativize(f).toString().replace('\\', '/')));
        zip.write(Files.readAllBytes(f));
        zip.closeEntry();
      }
    }
    return jar;
  }
}
