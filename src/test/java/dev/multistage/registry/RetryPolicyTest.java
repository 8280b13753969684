package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The retry budget on a simulated clock: which failures are retried, how long it waits, what it says. */
class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final List<String> log = new ArrayList<>();
  private final FakeClock clock = new FakeClock();

  @Test
  void waitsGrowExponentiallyFromHalfASecondWithJitterAndAreCappedAtTenSeconds() {
    RetryPolicy none = policy(Duration.ofSeconds(60), 0.0);
    RetryPolicy full = policy(Duration.ofSeconds(60), 1.0);

    assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L),
        List.of(1, 2, 3, 4, 5, 6, 30).stream().map(none::backoffMillis).toList());
    assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L),
        List.of(1, 2, 3, 4, 5, 6, 30).stream().map(full::backoffMillis).toList());
  }

  @Test
  void aFailureShorterThanTheBudgetIsRiddenOutAndEachRetryIsLoggedOnceWithReasonAndWait() throws Exception {
    int[] calls = {0};

    String result = policy(Duration.ofSeconds(60), 1.0).run("r.example", "push blob sha256:aa", () -> {
      if (++calls[0] <= 3) {
        throw http(503, null);
      }
      return "pushed";
    });

    assertEquals("pushed", result);
    assertEquals(List.of(500L, 1000L, 2000L), clock.sleeps);
    assertEquals(3, log.size(), log.toString());
    assertEquals("Registry r.example: could not push blob sha256:aa (HTTP 503); trying again in 0.5 s (try 2, "
        + "60 s left of registryRetryBudget 60 s).", log.get(0));
    assertTrue(log.get(2).contains("trying again in 2.0 s (try 4, 59 s left of registryRetryBudget 60 s)"), log.get(2));
  }

  @Test
  void whenTheBudgetIsSpentTheFailureSaysHowManyTriesOverHowLongAndTheBudget() {
    RetryPolicy.Exhausted e = assertThrows(RetryPolicy.Exhausted.class,
        () -> policy(Duration.ofSeconds(20), 1.0).run("r.example", "pull blob sha256:bb", () -> {
          clock.now += 100; // each try takes a little time
          throw new IOException(new SocketException("Connection reset"));
        }));

    long slept = clock.sleeps.stream().mapToLong(Long::longValue).sum();
    assertEquals(20_100, clock.now, "the last wait is cut to what is left, then one last try");
    assertTrue(slept <= 20_000, "slept " + slept);
    assertEquals(e.tries, clock.sleeps.size() + 1);
    assertEquals("registry r.example: could not pull blob sha256:bb, " + e.tries + " tries over 20 s "
        + "(registryRetryBudget 20 s): Connection reset", e.getMessage());
    assertTrue(e.getCause().getCause() instanceof SocketException);
  }

  @Test
  void retryAfterIsHonouredButNeverBeyondWhatIsLeftOfTheBudget() throws Exception {
    int[] calls = {0};

    policy(Duration.ofSeconds(10), 0.0).run("r.example", "pull manifest 1", () -> {
      if (++calls[0] <= 2) {
        throw http(429, calls[0] == 1 ? "3" : "3600");
      }
      return null;
    });

    assertEquals(List.of(3000L, 7000L), clock.sleeps);
    assertTrue(log.get(0).contains("(HTTP 429, Retry-After 3.0 s)"), log.get(0));
  }

  @Test
  void serverErrorsTooManyRequestsResetsRefusalsAndTimeoutsAreTransient() throws Exception {
    RetryPolicy policy = policy(Duration.ofSeconds(60), 1.0);

    assertTrue(policy.isTransient(http(500, null)));
    assertTrue(policy.isTransient(http(502, null)));
    assertTrue(policy.isTransient(http(429, null)));
    assertTrue(policy.isTransient(new IOException(new SocketException("Connection reset"))));
    assertTrue(policy.isTransient(new IOException(new ConnectException("Connection refused"))));
    assertTrue(policy.isTransient(new IOException(new SocketTimeoutException("Read timed out"))));
    assertTrue(policy.isTransient(new IOException("Premature end of Content-Length delimited message body")));
  }

  @Test
  void whatRetryingCannotFixFailsAtOnce() throws Exception {
    RetryPolicy policy = policy(Duration.ofSeconds(60), 1.0);

    for (Exception e : List.of(http(400, null), http(401, null), http(403, null), http(404, null),
        new IOException(new UnknownHostException("regsitry.example")), new SSLHandshakeException("untrusted"),
        new RegistryUnauthorizedException("r.example", "app", null), new RegistryException("manifest unknown"))) {
      assertFalse(policy.isTransient(e), e.toString());
      Exception thrown = assertThrows(Exception.class, () -> policy.run("r.example", "x", () -> {
        if (e instanceof IOException io) {
          throw io;
        }
        throw (RegistryException) e;
      }));
      assertSame(e, thrown);
    }
    assertEquals(List.of(), clock.sleeps);
    assertEquals(List.of(), log);
  }

  @Test
  void aMirrorThatCannotBeReachedIsNotWaitedFor() {
    RetryPolicy mirror = new RetryPolicy(Duration.ofSeconds(6), "a mirror's tenth of registryRetryBudget", false,
        log::add, clock, () -> 1.0);

    assertFalse(mirror.isTransient(new IOException(new ConnectException("Connection refused"))));
    assertTrue(mirror.isTransient(http(503, null)));
  }

  @Test
  void aZeroBudgetTriesOnceAndSaysSo() {
    RetryPolicy.Exhausted e = assertThrows(RetryPolicy.Exhausted.class,
        () -> policy(Duration.ZERO, 1.0).run("r.example", "push manifest 1", () -> {
          throw http(500, null);
        }));

    assertEquals(1, e.tries);
    assertEquals("1 try (registryRetryBudget is 0: no retries)", e.describe());
    assertEquals(List.of(), clock.sleeps);
  }

  @Test
  void retryAfterInSecondsOrAsAnHttpDateIsReadAndGarbageIgnored() {
    assertEquals(7_000, RetryPolicy.retryAfterMillis("7", NOW));
    assertEquals(30_000, RetryPolicy.retryAfterMillis("Thu, 01 Jan 2026 00:00:30 GMT", NOW));
    assertEquals(0, RetryPolicy.retryAfterMillis("soon", NOW));
    assertEquals(0, RetryPolicy.retryAfterMillis(null, NOW));
  }

  private RetryPolicy policy(Duration budget, double jitter) {
    return new RetryPolicy(budget, "registryRetryBudget", true, log::add, clock, () -> jitter);
  }

  /** jib's ResponseException has no public constructor; the registry's answers make them in the real tests. */
  static ResponseException http(int status, String retryAfter) {
    HttpHeaders headers = new HttpHeaders();
    if (retryAfter != null) {
      headers.set("Retry-After", List.of(retryAfter));
    }
    try {
      Constructor<ResponseException> c =
          ResponseException.class.getDeclaredConstructor(HttpResponseException.class, boolean.class);
      c.setAccessible(true);
      return c.newInstance(new HttpResponseException.Builder(status, "HTTP " + status, headers).build(), false);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static final class FakeClock implements RetryPolicy.Clock {
    long now;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public long millis() {
      return now;
    }

    @Override
    public void sleep(long millis) {
      sleeps.add(millis);
      now += millis;
    }
  }
}
