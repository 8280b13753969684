package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthcheckRuleTest {
  @TempDir Path dir;

  @Test
  void anImageWithoutHealthcheckIsFlagged() throws Exception {
    assertEquals(Set.of("healthcheck-missing"), SeededImage.clean(dir).config(c -> c.withoutHealthcheck()).rules());
  }

  @Test
  void healthcheckNoneCountsAsNone() throws Exception {
    List<Finding> found = SeededImage.clean(dir).config(c -> c.withHealthcheck(List.of("NONE"), Duration.ZERO,
        Duration.ZERO, Duration.ZERO, 0)).findings();

    assertEquals(List.of(Rule.HEALTHCHECK_MISSING), found.stream().map(Finding::rule).toList());
    assertEquals("config.Healthcheck", found.get(0).location());
  }
}
