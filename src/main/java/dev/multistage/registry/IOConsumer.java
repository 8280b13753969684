package dev.multistage.registry;

import java.io.IOException;

/** A consumer that may fail with an {@link IOException}, such as a writer of blob bytes. */
@FunctionalInterface
public interface IOConsumer<T> {
  void accept(T value) throws IOException;
}
