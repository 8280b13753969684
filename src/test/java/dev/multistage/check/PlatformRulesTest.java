package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.plan.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformRulesTest {
  private static final Platform ARM64 = new Platform("linux", "arm64", Optional.empty());

  @TempDir Path dir;

  @Test
  void aConfigWithoutArchitectureHasNoPlatform() throws Exception {
    assertEquals(Set.of("platform-missing"),
        SeededImage.clean(dir).json(j -> ((ObjectNode) j).remove("architecture")).rules());
  }

  @Test
  void anImageForAnotherPlatformThanTheConfiguredOneIsAMismatch() throws Exception {
    List<Finding> found = SeededImage.clean(dir).config(c -> c.withPlatform(ARM64)).findings();

    assertEquals(List.of(Rule.PLATFORM_MISMATCH), found.stream().map(Finding::rule).toList());
    assertEquals("The image is for linux/arm64, not for the configured linux/amd64.", found.get(0).message());
  }

  @Test
  void aConfiguredPlatformThatAMultiPlatformImageLacksIsAMismatch() {
    List<Finding> found = Checks.missingPlatforms(List.of(Platform.LINUX_AMD64, ARM64), List.of(Platform.LINUX_AMD64));

    assertEquals(1, found.size());
    assertEquals(Rule.PLATFORM_MISMATCH, found.get(0).rule());
    assertEquals("linux/arm64", found.get(0).location());
    assertEquals(List.of(), Checks.missingPlatforms(List.of(Platform.LINUX_AMD64, ARM64), List.of(ARM64,
        Platform.LINUX_AMD64)));
  }
}
