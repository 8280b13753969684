package dev.multistage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {
  private static final String EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void theDigestOfNothingIsTheWellKnownOne() {
    assertEquals(EMPTY, Digests.of(new byte[0]));
  }

  @Test
  void aFileAndItsBytesHaveTheSameDigest(@TempDir Path dir) throws IOException {
    byte[] bytes = "hello\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(dir.resolve("blob"), bytes);
    assertEquals(Digests.of(bytes), Digests.of(file));
  }

  @Test
  void onlyLowerCaseSha256WithSixtyFourHexDigitsIsWellFormed() {
    assertTrue(Digests.isSha256(EMPTY));
    assertFalse(Digests.isSha256(EMPTY.toUpperCase()));
    assertFalse(Digests.isSha256("sha512:" + EMPTY.substring(7)));
    assertFalse(Digests.isSha256(EMPTY.substring(0, 70)));
    assertFalse(Digests.isSha256(null));
  }

  @Test
  void jibsFormKeepsTheDigestAndRefusesAMalformedOne() {
    assertEquals(EMPTY, Digests.forJib(EMPTY).toString());
    assertThrows(IllegalArgumentException.class, () -> Digests.forJib("sha256:abc"));
  }
}
