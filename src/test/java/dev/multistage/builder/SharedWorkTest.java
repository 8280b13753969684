package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedWorkTest {

  @Test
  void modulesAskingForTheSameWorkAtOnceGetOneResultDoneOnce() throws Exception {
    SharedWork<String> work = new SharedWork<>();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      results.add(pool.submit(() -> work.once("runtime-a", () -> {
        runs.incrementAndGet();
        started.countDown();
        await(release);
        return "linked";
      })));
      started.await(10, TimeUnit.SECONDS);
      for (int i = 0; i < 3; i++) {
        results.add(pool.submit(() -> work.once("runtime-a", () -> {
          runs.incrementAndGet();
          return "linked again";
        })));
      }
      Thread.sleep(200); // the three wait for the first
      release.countDown();
      for (Future<String> r : results) {
        assertEquals("linked", r.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, runs.get());
      assertEquals("other", work.once("runtime-b", () -> "other"), "another key is other work");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailureReachesItsCallerAndTheNextCallerTriesAgain() throws IOException {
    SharedWork<String> work = new SharedWork<>();

    IOException failure = assertThrows(IOException.class, () -> work.once("k", () -> {
      throw new IOException("disk full");
    }));

    assertEquals("disk full", failure.getMessage());
    assertEquals("done", work.once("k", () -> "done"));
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }
}
