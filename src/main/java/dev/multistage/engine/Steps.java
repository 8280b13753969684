package dev.multistage.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a build's steps, independent ones at the same time (as Jib's {@code StepsRunner}): each step starts at once
 * on a small pool, and a step that needs another's result asks for it with {@link Pending#get()}. A step's failure
 * comes out of {@code get()} as it was thrown — a user mistake, an unavailable registry, an I/O error.
 */
final class Steps implements AutoCloseable {
  private final ExecutorService pool;

  Steps(int threads) {
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "multistage-step");
      t.setDaemon(true);
      return t;
    });
  }

  /** A step's work. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws IOException;
  }

  /** A step that has started; {@link #get()} waits for its result. */
  static final class Pending<T> {
    private final Future<T> future;

    private Pending(Future<T> future) {
      this.future = future;
    }

    T get() throws IOException {
      try {
        return future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for a build step", e);
      } catch (ExecutionException e) {
        throw rethrow(e.getCause());
      }
    }
  }

  <T> Pending<T> start(Step<T> step) {
    return new Pending<>(CompletableFuture.supplyAsync(() -> {
      try {
        return step.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, pool));
  }

  /** The results of {@code pending}, in order. */
  static <T> List<T> all(List<Pending<T>> pending) throws IOException {
    List<T> results = new java.util.ArrayList<>();
    for (Pending<T> p : pending) {
      results.add(p.get());
    }
    return results;
  }

  private static IOException rethrow(Throwable cause) {
    Throwable t = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
    if (t instanceof UncheckedIOException u) {
      return u.getCause();
    }
    if (t instanceof RuntimeException r) { // a user mistake or an unavailable registry, as thrown
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IOException(t);
  }

  /** Stops steps still running (a failed build does not wait for the others) and waits until none writes. */
  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
