package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JavaFeatureTest {
  @Test
  void releaseWinsOverTarget() {
    assertEquals(21, JavaFeature.of("21", "17", 25));
  }

  @Test
  void targetCountsWhenReleaseIsUnsetAndOneDotEightIsEight() {
    assertEquals(17, JavaFeature.of("", " 17 ", 25));
    assertEquals(8, JavaFeature.of("", "1.8", 25));
  }

  @Test
  void theBuildJdksVersionWhenNeitherNamesOne() {
    assertEquals(25, JavaFeature.of("", "", 25));
    assertEquals(25, JavaFeature.of("${java.version}", "latest", 25), "an unresolved expression is no version");
  }
}
