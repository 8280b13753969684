package dev.multistage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void bytesAreDecimalWithOneDecimalAsDockerImagesShowsThem() {
    assertEquals("999 B", Figures.bytes(999));
    assertEquals("1.0 kB", Figures.bytes(1000));
    assertEquals("38.2 MB", Figures.bytes(38_249_999));
    assertEquals("1.5 GB", Figures.bytes(1_500_000_000));
    assertEquals("2000.0 TB", Figures.bytes(2_000_000_000_000_000L));
  }

  @Test
  void aShortDigestKeepsTheAlgorithmAndTwelveHexDigits() {
    assertEquals("sha256:0123456789ab", Figures.shortDigest("sha256:0123456789abcdef0123"));
    assertEquals("sha256:01", Figures.shortDigest("sha256:01"));
  }

  @Test
  void aShareIsAPercentageWithOneDecimal() {
    assertEquals("37.1%", Figures.percent(0.3712));
    assertEquals("-5.0%", Figures.percent(-0.05));
  }
}
