package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.BaseSource;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.testing.Processes;
import dev.multistage.testing.StandInBases;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate build processes sharing one cache, as parallel CI jobs on one runner or {@code mvn -T} reactors of
 * different projects do: they race to link the same runtime, and every one of them succeeds with the same image.
 */
@Timeout(300)
class LinkedRuntimeRaceTest {
  private static final int RACERS = 4;
  private static final Duration RACER_TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path dir;

  @Test
  void fourProcessesLinkingIntoOneEmptyCacheAtOnceAllSucceedWithTheSameDigestAndATruncatedRuntimeIsRelinked()
      throws Exception {
    Path glibc = StandInBases.ociLayout("glibc");
    Path cache = dir.resolve("cache");
    Path start = dir.resolve("start");
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    List<Future<Processes.Result>> racers = new ArrayList<>();
    try {
      for (int i = 0; i < RACERS; i++) {
        Path root = Files.createDirectories(dir.resolve("racer-" + i));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), RacingBuild.class.getName(), cache.toString(), root.toString(),
            glibc.toString(), start.toString());
        racers.add(pool.submit(() -> Processes.run(RACER_TIMEOUT, command)));
      }
      awaitReady(Instant.now().plus(RACER_TIMEOUT));
      Files.createFile(start);

      List<String> digests = new ArrayList<>();
      int linked = 0;
      for (Future<Processes.Result> racer : racers) {
        Processes.Result result = racer.get();
        assertTrue(result.succeeded(), result::describe);
        String last = result.lastLine();
        assertTrue(last.startsWith("digest sha256:"), result::describe);
        digests.add(last.substring("digest ".length()));
        linked += result.stdout().contains("\nLinked runtime ") || result.stdout().startsWith("Linked runtime ") ? 1 : 0;
      }
      assertEquals(1, digests.stream().distinct().count(), "the racers built different images: " + digests);
      assertTrue(linked >= 1, "nobody linked the runtime");
      System.out.printf("LinkedRuntimeRaceTest: %d racers, %d of them linked, one runtime kept in the cache%n",
          RACERS, linked);

      Path modules = cachedRuntimeModules(cache);
      long size = Files.size(modules);
      try (FileChannel channel = FileChannel.open(modules, StandardOpenOption.WRITE)) {
        channel.truncate(size / 2);
      }
      List<String> warnings = new ArrayList<>();
      List<String> infos = new ArrayList<>();
      Path root = dir.resolve("after");
      PlanDraft draft = new PlanDraft(BaseSource.parse("oci:" + glibc, "runtimeImage", root),
          TinyWebApp.compile(root.resolve("app"), "Hello"), root.resolve("project"), cache).linkFromBuildJdk();
      ImageBuild.Result again = new ImageBuild(draft.plan(), RegistryOptions.defaults(), infos::add, warnings::add)
          .run();

      assertTrue(warnings.stream().anyMatch(w -> w.startsWith("The cached linked runtime ") && w.contains(
          "lib/modules is " + size / 2 + " bytes, " + size + " when it was made")), warnings::toString);
      assertTrue(infos.stream().anyMatch(l -> l.startsWith("Linked runtime ")), infos::toString);
      assertEquals(size, Files.size(cachedRuntimeModules(cache)));
      assertEquals(digests.get(0), Files.readString(again.outputDirectory().resolve("image-digest")).trim());
    } finally {
      pool.shutdownNow();
    }
  }

  private void awaitReady(Instant deadline) throws InterruptedException {
    while (Instant.now().isBefore(deadline)) {
      long ready = Stream.iterate(0, i -> i + 1).limit(RACERS)
          .filter(i -> Files.exists(dir.resolve("racer-" + i).resolve("ready"))).count();
      if (ready == RACERS) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the racers did not get ready in time");
  }

  private static Path cachedRuntimeModules(Path cache) throws IOException {
    try (Stream<Path> entries = Files.list(cache.resolve("runtimes"))) {
      List<Path> complete = entries.filter(e -> Files.exists(e.resolve(".complete"))).toList();
      assertEquals(1, complete.size(), "one linked runtime in the cache: " + complete);
      return complete.get(0).resolve("runtime/lib/modules");
    }
  }
}
