package dev.multistage.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A requirement missing in {@code @BeforeAll} skips each test with the reason instead of hiding the class. */
class SkipReasonExtensionTest {
  private static final String REASON = "docker-registry is not installed";

  @Test
  void everyTestOfAClassWhoseBeforeAllAbortsIsReportedAbortedWithTheReasonNestedOnesToo() {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(RegistryNeeded.class)).execute()
        .testEvents();

    tests.assertStatistics(s -> s.started(3).aborted(3).succeeded(0).failed(0));
    tests.aborted().assertThatEvents().haveExactly(3, event(test(), abortedWithReason(message(REASON))));
  }

  @Test
  void aFailingBeforeAllStillFailsTheClass() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(BrokenSetup.class)).execute()
        .containerEvents().assertStatistics(s -> s.failed(1));
  }

  /** What a registry test class looks like on a machine without docker-registry (run only through the kit). */
  @ExtendWith(SkipReasonExtension.class)
  static class RegistryNeeded {
    @BeforeAll
    static void startRegistry() {
      Assumptions.abort(REASON);
    }

    @Test
    void pushes() {}

    @Test
    void pulls() {}

    @Nested
    class WithAuth {
      @Test
      void pushesWithCredentials() {}
    }
  }

  @ExtendWith(SkipReasonExtension.class)
  static class BrokenSetup {
    @BeforeAll
    static void startRegistry() {
      throw new IllegalStateException("registry would not start");
    }

    @Test
    void pushes() {}
  }
}
