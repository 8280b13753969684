package dev.multistage.builder;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Work that the threads of one JVM would otherwise do twice at the same time — a reactor built with {@code -T}
 * runs its modules in one plugin class loader, so two modules on the same runtime would link it twice: the first
 * caller of a key does the work, the others wait for its result. Across processes the caches' move-into-place rules
 * apply instead.
 */
public final class SharedWork<V> {
  /** The work, which may fail with an I/O error. */
  public interface Work<V> {
    V run() throws IOException;
  }

  private final ConcurrentHashMap<Object, CompletableFuture<V>> running = new ConcurrentHashMap<>();

  /** {@code work}'s result, done here or by the thread already doing it for {@code key}. */
  public V once(Object key, Work<V> work) throws IOException {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
    if (theirs != null) {
      try {
        return theirs.get();
      } catch (ExecutionException e) {
        return work.run(); // theirs failed: this caller tries on its own and gets its own error
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while another module did the same work");
      }
    }
    try {
      V value = work.run();
      mine.complete(value);
      return value;
    } catch (Throwable t) {
      mine.completeExceptionally(t);
      throw t;
    } finally {
      running.remove(key, mine);
    }
  }
}
