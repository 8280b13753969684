package dev.multistage.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An exception and its causes, outermost first: the one walk of a cause chain, safe against cycles. */
final class Causes {
  static final String UNKNOWN_HOST = "unknown host";
  static final String REFUSED = "connection refused";
  static final String TIMED_OUT = "timed out";

  private Causes() {}

  static List<Throwable> of(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** The outermost cause of {@code type}. */
  static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
    return of(e).stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /**
   * Why {@code t} itself (not its causes) says the registry was not reached: {@link #UNKNOWN_HOST},
   * {@link #REFUSED}, {@code no route to host} or {@link #TIMED_OUT}; null when it says something else.
   */
  static String unreached(Throwable t) {
    if (t instanceof UnknownHostException) {
      return UNKNOWN_HOST;
    }
    if (t instanceof ConnectException) {
      return REFUSED;
    }
    if (t instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (t instanceof SocketTimeoutException) {
      return TIMED_OUT;
    }
    return null;
  }

  /**
   * {@code e} itself, or, when a message in its chain holds {@code secret}, a copy of the chain with it masked (each
   * link an {@link IOException} naming the original's class, with its stack trace), so no log or {@code -X} stack
   * trace shows it.
   */
  static Exception withoutSecret(Exception e, String secret) {
    List<Throwable> chain = of(e);
    if (secret == null || secret.isEmpty()
        || chain.stream().noneMatch(t -> String.valueOf(t.getMessage()).contains(secret))) {
      return e;
    }
    IOException masked = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      masked = new IOException(t.getClass().getName() + ": " + String.valueOf(t.getMessage()).replace(secret, "****"),
          masked);
      masked.setStackTrace(t.getStackTrace());
    }
    return masked;
  }

  /** Whether anything in the chain says the registry was not reached. */
  static boolean isUnreached(Throwable e) {
    return of(e).stream().anyMatch(t -> unreached(t) != null);
  }
}
