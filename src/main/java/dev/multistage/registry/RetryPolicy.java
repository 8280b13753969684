package dev.multistage.registry;

import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import dev.multistage.plan.Durations;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;

/**
 * How one registry operation (a manifest, a blob) rides out a registry's bad minute: a transient failure — HTTP 5xx
 * or 429, a connection reset or refused, a timeout, a body cut short — is tried again after an exponentially growing,
 * jittered wait (or the wait a {@code Retry-After} asks for) until the operation's time budget is spent. What
 * retrying cannot fix fails at once: 400, 401, 403, 404, an unknown host, TLS.
 */
final class RetryPolicy {
  static final long FIRST_WAIT_MILLIS = 500;
  static final long MAX_WAIT_MILLIS = 10_000;

  /** One registry call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException, RegistryException;
  }

  /** Time as the policy sees it: real, or a test's. */
  interface Clock {
    long millis();

    void sleep(long millis) throws InterruptedException;
  }

  private static final Clock SYSTEM = new Clock() {
    @Override
    public long millis() {
      return System.nanoTime() / 1_000_000;
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
      Thread.sleep(millis);
    }
  };

  private final Duration budget;
  private final String budgetName;
  private final boolean retryUnreached;
  private final Consumer<String> info;
  private final Clock clock;
  private final DoubleSupplier jitter;

  /** The policy for a registry: {@code registryRetryBudget}, refusals and timeouts retried too. */
  static RetryPolicy forRegistry(Duration registryRetryBudget, Consumer<String> info) {
    return new RetryPolicy(registryRetryBudget, "registryRetryBudget", true, info, SYSTEM,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The policy for a mirror, which has the next source to fall back on: a tenth of the budget, and a mirror that
   * cannot be connected to is not waited for at all.
   */
  static RetryPolicy forMirror(Duration registryRetryBudget, Consumer<String> info) {
    return new RetryPolicy(registryRetryBudget.dividedBy(10), "a mirror's tenth of registryRetryBudget", false, info,
        SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * @param budgetName what the budget is called in messages: the parameter, or the share of it
   * @param retryUnreached whether a registry that refuses connections or cannot be connected to is tried again
   */
  RetryPolicy(Duration budget, String budgetName, boolean retryUnreached, Consumer<String> info, Clock clock,
      DoubleSupplier jitter) {
    this.budget = budget;
    this.budgetName = budgetName;
    this.retryUnreached = retryUnreached;
    this.info = info;
    this.clock = clock;
    this.jitter = jitter;
  }

  /**
   * Runs {@code call} until it succeeds, fails in a way retrying cannot fix (thrown as it is), or the budget is
   * spent ({@link Exhausted}, whose cause is the last failure).
   *
   * @param what the operation, for the log: {@code push blob sha256:…}
   */
  <T> T run(String registry, String what, Call<T> call) throws IOException, RegistryException {
    long start = clock.millis();
    for (int tries = 1; ; tries++) {
      try {
        return call.run();
      } catch (IOException | RegistryException e) {
        if (!isTransient(e)) {
          throw e;
        }
        long elapsed = clock.millis() - start;
        long left = budget.toMillis() - elapsed;
        if (left <= 0) {
          throw new Exhausted(registry, what, tries, Duration.ofMillis(elapsed), budget, budgetName, e);
        }
        long wait = Math.min(left, Math.max(backoffMillis(tries), retryAfterMillis(e)));
        info.accept("Registry " + registry + ": could not " + what + " (" + reason(e) + "); trying again in "
            + Durations.describe(Duration.ofMillis(wait)) + " (try " + (tries + 1) + ", "
            + Durations.describe(Duration.ofMillis(left)) + " left of " + budgetName + " "
            + Durations.describe(budget) + ").");
        try {
          clock.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The wait before try {@code tries + 1}: doubling from 0.5 s up to 10 s, each between half and all of that. */
  long backoffMillis(int tries) {
    long ceiling = Math.min(MAX_WAIT_MILLIS, FIRST_WAIT_MILLIS << Math.min(tries - 1, 20));
    return ceiling / 2 + Math.round(ceiling / 2.0 * jitter.getAsDouble());
  }

  boolean isTransient(Exception e) {
    for (Throwable t : Causes.of(e)) {
      if (t instanceof ResponseException r) {
        return r.getStatusCode() >= 500 || r.getStatusCode() == 429;
      }
      String unreached = Causes.unreached(t);
      if (unreached != null) {
        return !unreached.equals(Causes.UNKNOWN_HOST) && retryUnreached;
      }
      if (t instanceof SSLException || t instanceof InsecureRegistryException
          || t instanceof RegistryUnauthorizedException) {
        return false;
      }
    }
    // jib's RegistryException covers answers (400, 404, bad JSON); a bare I/O error is a reset or a cut-off body
    return !(e instanceof RegistryException);
  }

  /** A failure in a few words, for the log: {@code HTTP 503}, {@code connection refused}, {@code Connection reset}. */
  static String reason(Throwable e) {
    for (Throwable t : Causes.of(e)) {
      if (t instanceof ResponseException r) {
        long retryAfter = retryAfterMillis(e);
        return "HTTP " + r.getStatusCode() + (retryAfter > 0 ? ", Retry-After "
            + Durations.describe(Duration.ofMillis(retryAfter)) : "");
      }
      String unreached = Causes.unreached(t);
      if (unreached != null) {
        return unreached;
      }
      if (t instanceof SocketException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    Throwable innermost = Causes.of(e).get(Causes.of(e).size() - 1);
    return innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
  }

  /** How long a 429 or 503 answer asks to wait (its {@code Retry-After}); 0 when it does not say. */
  static long retryAfterMillis(Throwable e) {
    return Causes.find(e, ResponseException.class).filter(r -> r.getHeaders() != null)
        .map(r -> retryAfterMillis(r.getHeaders().getFirstHeaderStringValue("Retry-After"), Instant.now()))
        .orElse(0L);
  }

  /** {@code Retry-After} in seconds or as an HTTP date; 0 when absent or unreadable. */
  static long retryAfterMillis(String retryAfter, Instant now) {
    if (retryAfter == null || retryAfter.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(retryAfter.trim()) * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        return Math.max(0, Duration.between(now, ZonedDateTime.parse(retryAfter.trim(),
            DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).toMillis());
      } catch (DateTimeParseException neither) {
        return 0;
      }
    }
  }

  /** Transient failures outlasted the budget; the cause is the last one. */
  static final class Exhausted extends IOException {
    final int tries;
    final Duration elapsed;
    final Duration budget;
    private final String budgetName;

    Exhausted(String registry, String what, int tries, Duration elapsed, Duration budget, String budgetName,
        Exception last) {
      super("registry " + registry + ": could not " + what + ", " + describe(tries, elapsed, budget, budgetName)
          + ": " + reason(last), last);
      this.tries = tries;
      this.elapsed = elapsed;
      this.budget = budget;
      this.budgetName = budgetName;
    }

    /** {@code 9 tries over 61 s (registryRetryBudget 60 s)}. */
    String describe() {
      return describe(tries, elapsed, budget, budgetName);
    }

    private static String describe(int tries, Duration elapsed, Duration budget, String budgetName) {
      return budget.isZero() ? "1 try (" + budgetName + " is 0: no retries)"
          : tries + (tries == 1 ? " try" : " tries") + " over " + Durations.describe(elapsed) + " (" + budgetName + " "
              + Durations.describe(budget) + ")";
    }
  }
}
