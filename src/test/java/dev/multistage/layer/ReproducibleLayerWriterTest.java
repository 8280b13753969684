package dev.multistage.layer;

import dev.multistage.testing.TestTars;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleLayerWriterTest {
  @TempDir
  Path temp;

  private List<LayerEntry> appEntries() throws IOException {
    Path jar = Files.writeString(temp.resolve("a.jar"), "jar bytes");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
    return List.of(
        new LayerEntry.File("/app/libs/a.jar", jar, 0644, 1001, 1001),
        new LayerEntry.Directory("/app", 0755, 1001, 1001),
        new LayerEntry.Content("/app/run.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0755, 0, 0),
        new LayerEntry.Symlink("/app/current", "libs/a.jar", 1001, 1001),
        new LayerEntry.Directory("/app/libs", 0750, 1001, 1002),
        new LayerEntry.Directory("/app-data", 0700, 1001, 1001));
  }

  @Test
  void sameEntriesTwiceGiveTheSameDigest() throws IOException {
    List<LayerEntry> entries = appEntries();
    List<LayerEntry> shuffled = new ArrayList<>(entries);
    Collections.reverse(shuffled);

    WrittenLayer first = ReproducibleLayerWriter.write(entries, temp.resolve("one"));
    WrittenLayer second = ReproducibleLayerWriter.write(shuffled, temp.resolve("two"));

    assertEquals(first.digest(), second.digest());
    assertEquals(first.diffId(), second.diffId());
    assertArrayEquals(Files.readAllBytes(first.blob()), Files.readAllBytes(second.blob()));
  }

  @Test
  void differentContentGivesADifferentDigest() throws IOException {
    WrittenLayer one = ReproducibleLayerWriter.write(
        List.of(new LayerEntry.Content("/a", new byte[] {1}, 0644, 0, 0)), temp.resolve("out"));
    WrittenLayer two = ReproducibleLayerWriter.write(
        List.of(new LayerEntry.Content("/a", new byte[] {2}, 0644, 0, 0)), temp.resolve("out"));

    assertNotEquals(one.digest(), two.digest());
  }

  @Test
  void entriesAreSortedWithFixedTimestampsAndNumericOwners() throws IOException {
    WrittenLayer layer = ReproducibleLayerWriter.write(appEntries(), temp.resolve("out"));

    List<TestTars.Read> read = TestTars.readGzip(layer.blob());

    assertEquals(List.of("app-data/", "app/", "app/current", "app/libs/", "app/libs/a.jar", "app/run.sh"),
        read.stream().map(r -> r.header().getName()).toList());
    for (TestTars.Read entry : read) {
      assertEquals(1000L, entry.header().getModTime().getTime(), entry.header().getName());
      assertEquals("", entry.header().getUserName(), entry.header().getName());
      assertEquals("", entry.header().getGroupName(), entry.header().getName());
    }
    TestTars.Read libs = read.get(3);
    assertTrue(libs.header().isDirectory());
    assertEquals(0750, libs.header().getMode() & 07777);
    assertEquals(1001, libs.header().getLongUserId());
    assertEquals(1002, libs.header().getLongGroupId());
    TestTars.Read link = read.get(2);
    assertTrue(link.header().isSymbolicLink());
    assertEquals("libs/a.jar", link.header().getLinkName());
    TestTars.Read jar = read.get(4);
    assertTrue(jar.header().isFile());
    assertEquals(0644, jar.header().getMode() & 07777);
    assertEquals("jar bytes", jar.text());
    TestTars.Read script = read.get(5);
    assertEquals(0755, script.header().getMode() & 07777);
    assertEquals(0, script.header().getLongUserId());
    assertEquals("#!/bin/sh\n", script.text());
  }

  @Test
  void specialModeBitsSurvive() throws IOException {
    WrittenLayer layer = ReproducibleLayerWriter.write(
        List.of(new LayerEntry.Directory("/tmp", 01777, 0, 0)), temp.resolve("out"));

    TestTars.Read tmp = TestTars.readGzip(layer.blob()).get(0);

    assertEquals("tmp/", tmp.header().getName());
    assertEquals(01777, tmp.header().getMode() & 07777);
  }

  @Test
  void duplicatePathsAreRejectedNamingThePath() {
    List<LayerEntry> entries = List.of(
        new LayerEntry.Directory("/app/", 0755, 0, 0),
        new LayerEntry.Content("/app", new byte[0], 0644, 0, 0));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReproducibleLayerWriter.write(entries, temp.resolve("out")));

    assertTrue(e.getMessage().contains("/app"), e.getMessage());
  }

  @Test
  void blobIsNamedByItsDigestAndDigestsAndSizesMatchTheBytes() throws IOException {
    WrittenLayer layer = ReproducibleLayerWriter.write(appEntries(), temp.resolve("out"));

    byte[] compressed = Files.readAllBytes(layer.blob());
    byte[] uncompressed = TestTars.gunzip(layer.blob());
    assertEquals(sha256(compressed), layer.digest());
    assertEquals(temp.resolve("out").resolve(layer.digest().substring(7) + ".tar.gz"), layer.blob());
    assertEquals(compressed.length, layer.compressedSize());
    assertEquals(sha256(uncompressed), layer.diffId());
    assertEquals(uncompressed.length, layer.uncompressedSize());
    assertEquals(6, layer.files());
    assertTrue(layer.digest().matches("sha256:[0-9a-f]{64}"));
  }

  @Test
  void gzipHeaderHasNoTimestampAndNoFileName() throws IOException {
    WrittenLayer layer = ReproducibleLayerWriter.write(appEntries(), temp.resolve("out"));

    byte[] header = Files.readAllBytes(layer.blob());

    assertEquals(0x1f, header[0] & 0xff);
    assertEquals(0x8b, header[1] & 0xff);
    assertEquals(0, header[3], "flags: no FNAME, no FCOMMENT, no FEXTRA");
    assertArrayEquals(new byte[4], new byte[] {header[4], header[5], header[6], header[7]}, "mtime");
  }

  @Test
  void writingTheSameLayerAgainKeepsOneBlobAndNoTempFiles() throws IOException {
    Path out = temp.resolve("out");
    WrittenLayer first = ReproducibleLayerWriter.write(appEntries(), out);
    FileTime written = Files.getLastModifiedTime(first.blob());
    Files.setLastModifiedTime(first.blob(), FileTime.fromMillis(written.toMillis() - 60_000));

    WrittenLayer second = ReproducibleLayerWriter.write(appEntries(), out);

    assertEquals(first, second);
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(first.blob()), files.toList());
    }
    assertEquals(written.toMillis() - 60_000, Files.getLastModifiedTime(second.blob()).toMillis());
  }

  @Test
  void largeOwnersAndLongNamesUsePaxHeaders() throws IOException {
    String longName = "/app/" + "d".repeat(120) + "/" + "f".repeat(120) + ".txt";
    WrittenLayer layer = ReproducibleLayerWriter.write(
        List.of(new LayerEntry.Content(longName, new byte[] {7}, 0600, 70_000_000, 70_000_001)),
        temp.resolve("out"));

    TestTars.Read read = TestTars.readGzip(layer.blob()).get(0);

    assertEquals(longName.substring(1), read.header().getName());
    assertEquals(70_000_000L, read.header().getLongUserId());
    assertEquals(70_000_001L, read.header().getLongGroupId());
    assertEquals(1000L, read.header().getModTime().getTime());
  }

  @Test
  void gzipOfAnUncompressedTarKeepsItsBytesAndCountsEntries() throws IOException {
    Path tar = TestTars.layer().dir("etc", 0755, 0).file("etc/hostname", "base\n").symlink("bin", "usr/bin")
        .writeTar(temp.resolve("layer.tar"));

    WrittenLayer layer = ReproducibleLayerWriter.gzip(tar, temp.resolve("out"));
    WrittenLayer again = ReproducibleLayerWriter.gzip(tar, temp.resolve("again"));

    assertArrayEquals(Files.readAllBytes(tar), TestTars.gunzip(layer.blob()));
    assertEquals(sha256(Files.readAllBytes(tar)), layer.diffId());
    assertEquals(Files.size(tar), layer.uncompressedSize());
    assertEquals(sha256(Files.readAllBytes(layer.blob())), layer.digest());
    assertEquals(3, layer.files());
    assertEquals(layer.digest(), again.digest());
  }

  @Test
  void gzipKeepsZeroPaddingAfterTheTarEnd() throws IOException {
    byte[] tar = TestTars.layer().file("a", "a").tarBytes();
    byte[] padded = Arrays.copyOf(tar, tar.length + 3 * 10240);
    Path file = Files.write(temp.resolve("padded.tar"), padded);

    WrittenLayer layer = ReproducibleLayerWriter.gzip(file, temp.resolve("out"));

    assertArrayEquals(padded, TestTars.gunzip(layer.blob()));
    assertEquals(sha256(padded), layer.diffId());
    assertEquals(1, layer.files());
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
