package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuildTimestampTest {
  @Test
  void unsetBlankOrOneCharacterMeansTheEpoch() {
    assertEquals(Instant.EPOCH, BuildTimestamp.parse(""));
    assertEquals(Instant.EPOCH, BuildTimestamp.parse("  "));
    assertEquals(Instant.EPOCH, BuildTimestamp.parse("a"), "Maven's way to switch reproducible builds off");
  }

  @Test
  void readsSecondsSinceTheEpoch() {
    assertEquals(Instant.parse("2024-01-01T00:00:00Z"), BuildTimestamp.parse("1704067200"));
  }

  @Test
  void readsIsoTimestampsWithTheirOffset() {
    assertEquals(Instant.parse("2024-01-01T00:00:00Z"), BuildTimestamp.parse("2024-01-01T00:00:00Z"));
    assertEquals(Instant.parse("2023-12-31T22:00:00Z"), BuildTimestamp.parse("2024-01-01T00:00:00+02:00"));
  }

  @Test
  void anythingElseIsAMistakeNamingTheProperty() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> BuildTimestamp.parse("2024-01-01"));
    assertEquals("project.build.outputTimestamp", e.parameter());
  }
}
