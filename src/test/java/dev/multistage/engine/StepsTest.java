package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StepsTest {

  @Test
  void independentStepsRunAtTheSameTime() throws IOException {
    CountDownLatch both = new CountDownLatch(2);
    try (Steps steps = new Steps(2)) {
      // each step finishes only once the other has started: sequential steps would never finish
      Steps.Pending<Boolean> a = steps.start(() -> meet(both));
      Steps.Pending<Boolean> b = steps.start(() -> meet(both));
      assertEquals(List.of(true, true), Steps.all(List.of(a, b)));
    }
  }

  @Test
  void aStepUsesAnothersResult() throws IOException {
    try (Steps steps = new Steps(2)) {
      Steps.Pending<Integer> layers = steps.start(() -> 3);
      Steps.Pending<Integer> image = steps.start(() -> layers.get() + 1);
      assertEquals(4, image.get());
    }
  }

  @Test
  void aStepsFailureComesOutAsItWasThrown() {
    InvalidParameterException mistake = new InvalidParameterException("to", "bad", "fix");
    UnavailableException down = new UnavailableException("runtimeImage", "down", "later", null);
    IOException io = new IOException("disk full");
    try (Steps steps = new Steps(2)) {
      assertSame(mistake, assertThrows(InvalidParameterException.class, () -> steps.start(() -> {
        throw mistake;
      }).get()));
      assertSame(down, assertThrows(UnavailableException.class, () -> steps.start(() -> {
        throw down;
      }).get()));
      assertSame(io, assertThrows(IOException.class, () -> steps.start(() -> {
        throw io;
      }).get()));
    }
  }

  private static boolean meet(CountDownLatch latch) {
    latch.countDown();
    try {
      return latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void closingStopsStepsStillRunning() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Thread[] worker = new Thread[1];
    Steps steps = new Steps(1);
    steps.start(() -> {
      worker[0] = Thread.currentThread();
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    assertTrue(started.await(20, TimeUnit.SECONDS));
    steps.close();
    worker[0].join(20_000);
    assertTrue(!worker[0].isAlive(), "the step was interrupted");
  }
}
