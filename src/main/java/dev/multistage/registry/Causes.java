package dev.multistage.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An exception and its causes, outermost first: the one walk of a cause chain, safe against cycles. */
final class Causes {
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
}
