package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentDigestsTest {
  @TempDir Path dir;

  @Test
  void aFilesDigestIsItsContentsAndIsRememberedUntilTheFileChanges() throws IOException {
    Path jar = Files.writeString(dir.resolve("lib.jar"), "one");
    ContentDigests digests = new ContentDigests(dir.resolve("digests"));

    String first = digests.of(jar);
    assertEquals(HexFormat.of().formatHex(CacheKey.sha256().digest("one".getBytes())), first);

    // same size and time, other bytes: the remembered digest answers, so the file was not read again
    FileTime time = Files.getLastModifiedTime(jar);
    Files.writeString(jar, "two");
    Files.setLastModifiedTime(jar, time);
    assertEquals(first, digests.of(jar));

    Files.writeString(jar, "three");
    assertNotEquals(first, digests.of(jar));
    assertEquals(HexFormat.of().formatHex(CacheKey.sha256().digest("three".getBytes())), digests.of(jar));
  }
}
