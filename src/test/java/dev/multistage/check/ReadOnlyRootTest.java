package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyRootTest {
  @TempDir Path dir;

  private static List<String> java(String... flags) {
    List<String> command = new java.util.ArrayList<>(List.of("/opt/java/openjdk/bin/java"));
    command.addAll(List.of(flags));
    command.addAll(List.of("-cp", "/app/classes", "com.example.Main"));
    return command;
  }

  @Test
  void heapDumpsIntoADirectoryThatIsNeitherTmpNorAVolumeAreFlagged() throws Exception {
    List<Finding> found = SeededImage.clean(dir)
        .config(c -> c.withEntrypoint(java("-XX:HeapDumpPath=/var/dumps"), List.of())).findings();

    assertEquals(List.of(Rule.READ_ONLY_ROOT_WRITE), found.stream().map(Finding::rule).toList());
    assertEquals("/var/dumps", found.get(0).location());
  }

  @Test
  void theSamePathDeclaredAsAVolumeOrUnderTmpIsWritable() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir.resolve("volume")).config(c -> c
        .withEntrypoint(java("-XX:HeapDumpPath=/var/dumps/app.hprof"), List.of())
        .withVolumes(List.of("/var/dumps"))).rules());
    assertEquals(Set.of(), SeededImage.clean(dir.resolve("tmp"))
        .config(c -> c.withEntrypoint(java("-XX:HeapDumpPath=/tmp/dumps", "-Djava.io.tmpdir=/tmp"), List.of()))
        .rules());
  }

  @Test
  void heapDumpsWithoutAPathGoToTheWorkingDirectory() throws Exception {
    List<Finding> found = SeededImage.clean(dir)
        .config(c -> c.withEntrypoint(java("-XX:+HeapDumpOnOutOfMemoryError"), List.of())).findings();

    assertEquals(List.of("/app"), found.stream().map(Finding::location).toList());
  }

  @Test
  void optionsFromTheEnvironmentAndSpringBootsLogFileCount() throws Exception {
    List<Finding> found = SeededImage.clean(dir).config(c -> c.withEnv(Map.of(
        "JAVA_TOOL_OPTIONS", "-Xlog:gc*:file=/var/log/app/gc.log:time", "LOGGING_FILE_NAME", "/var/log/app/app.log",
        "LOG_PATH", "/tmp/logs"))).findings();

    assertEquals(List.of("/var/log/app", "/var/log/app"), found.stream().map(Finding::location).toList());
    assertEquals(Set.of(Rule.READ_ONLY_ROOT_WRITE), Set.copyOf(found.stream().map(Finding::rule).toList()));
  }
}
