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
import java.util.concurrent.atomic.AtomicBoolean;
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
  void closingInterruptsStepsStillRunningAndWaitsUntilTheyHaveEnded() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean ended = new AtomicBoolean();
    Steps steps = new Steps(1);
    steps.start(() -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      // what a step does after the interrupt (finishing the file it writes) still ends before close() returns
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      ended.set(true);
      return null;
    });
    assertTrue(started.await(20, TimeUnit.SECONDS));
    steps.close();
    assertTrue(interrupted.get(), "the running step was interrupted");
    assertTrue(ended.get(), "close() returned only once the step had ended");
  }
}
