package dev.multistage.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Keeps a class whose {@code @BeforeAll} is aborted (a missing requirement, see {@link Requirements}) in the
 * reports: JUnit would abort the whole class, and Surefire then reports it with no test at all. Instead every test
 * of the class (and of its {@code @Nested} classes) is skipped with the reason. Registered for every test class
 * through {@code META-INF/services} and {@code junit-platform.properties}.
 */
public final class SkipReasonExtension implements LifecycleMethodExecutionExceptionHandler, BeforeEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
      SkipReasonExtension.class);
  private static final String REASON = "reason";

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    if (!(throwable instanceof TestAbortedException)) {
      throw throwable;
    }
    context.getStore(NAMESPACE).put(REASON, throwable.getMessage());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    for (Optional<ExtensionContext> c = context.getParent(); c.isPresent(); c = c.get().getParent()) {
      String reason = c.get().getStore(NAMESPACE).get(REASON, String.class);
      if (reason != null) {
        throw new TestAbortedException(reason);
      }
    }
  }
}
