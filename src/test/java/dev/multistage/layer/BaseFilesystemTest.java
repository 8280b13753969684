package dev.multistage.layer;

import dev.multistage.testing.TestTars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseFilesystemTest {
  @TempDir
  Path temp;

  private int blobs;

  private Path gz(TestTars layer) throws IOException {
    return layer.writeGzip(temp.resolve("layer" + blobs++ + ".tar.gz"));
  }

  private Path tar(TestTars layer) throws IOException {
    return layer.writeTar(temp.resolve("layer" + blobs++ + ".tar"));
  }

  private static Optional<String> text(BaseFilesystem fs, String path) {
    return fs.content(path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void whiteoutRemovesAFileFromALowerLayer() throws IOException {
    Path lower = gz(TestTars.layer().dir("./etc", 0755, 0).file("./etc/motd", "hi").file("./etc/hosts", "h"));
    Path upper = gz(TestTars.layer().whiteout("./etc", "motd"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(lower, upper), Set.of());

    assertFalse(fs.exists("/etc/motd"));
    assertTrue(fs.exists("/etc/hosts"));
  }

  @Test
  void whiteoutOfADirectoryRemovesEverythingBelowIt() throws IOException {
    Path lower = gz(TestTars.layer().dir("var/cache", 0755, 0).file("var/cache/apt/x", "1")
        .file("var/cache-keep", "2"));
    Path upper = gz(TestTars.layer().whiteout("var", "cache"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(lower, upper), Set.of());

    assertFalse(fs.exists("/var/cache"));
    assertFalse(fs.exists("/var/cache/apt/x"));
    assertFalse(fs.exists("/var/cache/apt"));
    assertTrue(fs.exists("/var/cache-keep"));
  }

  @Test
  void opaqueDirectoryHidesLowerLayerContent() throws IOException {
    Path lower = gz(TestTars.layer().dir("opt/tool", 0755, 0).file("opt/tool/old", "o").file("opt/other", "x"));
    Path upper = gz(TestTars.layer().dir("opt/tool", 0700, 5).opaque("opt/tool").file("opt/tool/new", "n"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(lower, upper), Set.of());

    assertFalse(fs.exists("/opt/tool/old"));
    assertTrue(fs.exists("/opt/tool/new"), "the opaque layer's own entries stay");
    assertTrue(fs.exists("/opt/other"));
    assertEquals(0700, fs.entry("/opt/tool").orElseThrow().mode());
  }

  @Test
  void whiteoutInTheSameLayerDoesNotDeleteThatLayersOwnEntry() throws IOException {
    Path lower = gz(TestTars.layer().file("srv/a", "old"));
    Path upper = gz(TestTars.layer().file("srv/a", "new").whiteout("srv", "a"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(lower, upper), Set.of("/srv/a"));

    assertEquals(Optional.of("new"), text(fs, "/srv/a"));
  }

  @Test
  void symlinkedBinDirectoryIsFollowed() throws IOException {
    Path layer = gz(TestTars.layer().dir("usr/bin", 0755, 0).file("usr/bin/sh", "elf", 0755, 0)
        .symlink("bin", "usr/bin"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(layer), Set.of());

    assertTrue(fs.exists("/bin/sh"));
    assertEquals("/usr/bin/sh", fs.entry("/bin/sh").orElseThrow().path());
    assertEquals(BaseFilesystem.Type.FILE, fs.entry("/bin/sh").orElseThrow().type());
    assertFalse(fs.exists("/bin/bash"));
  }

  @Test
  void upperLayerEntryUnderASymlinkedDirectoryLandsInItsTarget() throws IOException {
    Path lower = gz(TestTars.layer().dir("usr/bin", 0755, 0).symlink("bin", "usr/bin"));
    Path upper = gz(TestTars.layer().file("bin/tool", "t", 0755, 0));

    BaseFilesystem fs = BaseFilesystem.read(List.of(lower, upper), Set.of());

    assertTrue(fs.exists("/usr/bin/tool"));
    assertEquals("/usr/bin", fs.entry("/bin").orElseThrow().path(), "/bin is still the symlink");
  }

  @Test
  void absoluteAndRelativeSymlinkTargetsResolve() throws IOException {
    Path layer = gz(TestTars.layer()
        .file("usr/lib/jvm/bin/java", "java", 0755, 0)
        .symlink("etc/alternatives/java", "/usr/lib/jvm/bin/java")
        .symlink("usr/bin/java", "../../etc/alternatives/java"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(layer), Set.of());

    assertEquals("/usr/lib/jvm/bin/java", fs.entry("/usr/bin/java").orElseThrow().path());
    assertEquals("/usr/lib/jvm/bin/java", fs.entry("/etc/alternatives/java").orElseThrow().path());
  }

  @Test
  void symlinkLoopsAndDanglingLinksDoNotExist() throws IOException {
    Path layer = gz(TestTars.layer().symlink("a", "b").symlink("b", "/a").symlink("dangling", "nowhere"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(layer), Set.of());

    assertFalse(fs.exists("/a"));
    assertFalse(fs.exists("/a/x"));
    assertFalse(fs.exists("/dangling"));
  }

  @Test
  void contentIsKeptOnlyForRequestedPathsAndFollowsSymlinks() throws IOException {
    Path layer = gz(TestTars.layer().file("./etc/passwd", "root:x:0:0::/root:/bin/sh\n")
        .file("./etc/shadow", "secret").symlink("etc/pw", "passwd"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(layer), Set.of("/etc/passwd"));

    assertEquals(Optional.of("root:x:0:0::/root:/bin/sh\n"), text(fs, "/etc/passwd"));
    assertEquals(Optional.of("root:x:0:0::/root:/bin/sh\n"), text(fs, "/etc/pw"));
    assertEquals(Optional.empty(), text(fs, "/etc/shadow"));
    assertTrue(fs.exists("/etc/shadow"));
  }

  @Test
  void upperLayerReplacesFileContentAndMetadata() throws IOException {
    Path lower = gz(TestTars.layer().file("etc/group", "root:x:0:\n", 0644, 0));
    Path upper = tar(TestTars.layer().file("etc/group", "root:x:0:\nstaff:x:50:\n", 0600, 7));

    BaseFilesystem fs = BaseFilesystem.read(List.of(lower, upper), Set.of("/etc/group"));

    assertEquals(Optional.of("root:x:0:\nstaff:x:50:\n"), text(fs, "/etc/group"));
    BaseFilesystem.Entry group = fs.entry("/etc/group").orElseThrow();
    assertEquals(0600, group.mode());
    assertEquals(7, group.uid());
  }

  @Test
  void fileReplacingADirectoryRemovesWhatWasBelowIt() throws IOException {
    Path lower = gz(TestTars.layer().file("data/inner", "x"));
    Path upper = gz(TestTars.layer().file("data", "now a file"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(lower, upper), Set.of());

    assertEquals(BaseFilesystem.Type.FILE, fs.entry("/data").orElseThrow().type());
    assertFalse(fs.exists("/data/inner"));
  }

  @Test
  void parentsOfEntriesExistEvenWithoutTheirOwnTarEntry() throws IOException {
    BaseFilesystem fs = BaseFilesystem.read(List.of(gz(TestTars.layer().file("a/b/c", "x"))), Set.of());

    assertEquals(BaseFilesystem.Type.DIRECTORY, fs.entry("/a/b").orElseThrow().type());
    assertTrue(fs.exists("/"));
  }

  @Test
  void hardlinkContentComesFromItsTarget() throws IOException {
    Path layer = gz(TestTars.layer().file("etc/group", "g\n").hardlink("etc/group-", "etc/group"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(layer), Set.of("/etc/group", "/etc/group-"));

    assertEquals(BaseFilesystem.Type.HARDLINK, fs.entry("/etc/group-").orElseThrow().type());
    assertEquals("/etc/group", fs.entry("/etc/group-").orElseThrow().linkTarget());
    assertEquals(Optional.of("g\n"), text(fs, "/etc/group-"));
  }

  @Test
  void hardlinkReadsItsTargetsContentEvenWhenOnlyTheTargetWasAskedFor() throws IOException {
    Path layer = gz(TestTars.layer().file("etc/group", "g\n").hardlink("etc/group-", "etc/group"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(layer), Set.of("/etc/group"));

    assertEquals(Optional.of("g\n"), text(fs, "/etc/group-"));
  }

  @Test
  void aChainOfMoreThanFortySymlinksIsTreatedAsALoop() throws IOException {
    TestTars forty = TestTars.layer().file("target", "t");
    TestTars fortyOne = TestTars.layer().file("target", "t");
    for (int i = 0; i < 41; i++) {
      String next = i == 0 ? "target" : "link" + (i - 1);
      if (i < 40) {
        forty.symlink("link" + i, next);
      }
      fortyOne.symlink("link" + i, next);
    }

    assertTrue(BaseFilesystem.read(List.of(gz(forty)), Set.of()).exists("/link39"));
    assertFalse(BaseFilesystem.read(List.of(gz(fortyOne)), Set.of()).exists("/link40"));
  }

  @Test
  void zeroPaddingAfterTheTarEndCountsTowardsTheDiffId() throws IOException {
    byte[] tar = TestTars.layer().file("a", "a").tarBytes();
    byte[] padded = Arrays.copyOf(tar, tar.length + 3 * 10240);
    Path blob = Files.write(temp.resolve("padded.tar"), padded);

    BaseFilesystem fs = BaseFilesystem.read(List.of(blob), Set.of());

    assertEquals(ReproducibleLayerWriterTest.sha256(padded), fs.layers().get(0).diffId());
    assertEquals(padded.length, fs.layers().get(0).uncompressedBytes());
  }

  @Test
  void layerStatsDescribeEachUncompressedTar() throws IOException {
    TestTars first = TestTars.layer().dir("etc", 0755, 0).file("etc/a", "a");
    TestTars second = TestTars.layer().file("etc/b", "bb").whiteout("etc", "a").symlink("x", "etc/b");
    Path gzipped = gz(first);
    Path plain = tar(second);

    BaseFilesystem fs = BaseFilesystem.read(List.of(gzipped, plain), Set.of());

    byte[] firstTar = first.tarBytes();
    byte[] secondTar = Files.readAllBytes(plain);
    assertEquals(List.of(
            new BaseFilesystem.LayerStats(ReproducibleLayerWriterTest.sha256(firstTar), firstTar.length, 2),
            new BaseFilesystem.LayerStats(ReproducibleLayerWriterTest.sha256(secondTar), secondTar.length, 3)),
        fs.layers());
  }

  @Test
  void readsTheLayersItsOwnWriterWrote() throws IOException {
    WrittenLayer written = ReproducibleLayerWriter.write(List.of(
        new LayerEntry.Directory("/app", 0750, 1001, 1002),
        new LayerEntry.Content("/app/x", new byte[] {1, 2}, 0640, 1001, 1002)), temp.resolve("out"));

    BaseFilesystem fs = BaseFilesystem.read(List.of(written.blob()), Set.of("/app/x"));

    assertEquals(new BaseFilesystem.Entry("/app", BaseFilesystem.Type.DIRECTORY, 0750, 1001, 1002, ""),
        fs.entry("/app").orElseThrow());
    assertEquals(2, fs.content("/app/x").orElseThrow().length);
    assertEquals(written.diffId(), fs.layers().get(0).diffId());
    assertEquals(written.uncompressedSize(), fs.layers().get(0).uncompressedBytes());
  }

  @Test
  void aBaseReadOnceIsRememberedByItsDigestsWithEveryEntryItsContentsAndItsLayerStats() throws IOException {
    Path lower = gz(TestTars.layer().dir("etc", 0755, 0).file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
        .symlink("bin", "usr/bin").dir("usr/bin", 0755, 0).file("usr/bin/sh", "#!"));
    Path upper = gz(TestTars.layer().dir("tmp", 01777, 0).hardlink("usr/bin/ash", "usr/bin/sh"));
    List<String> digests = List.of("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64));
    Path cache = temp.resolve("cache");

    BaseFilesystem read = BaseFilesystem.read(List.of(lower, upper), digests, Set.of("/etc/passwd"), cache);
    // the blobs are gone: only the remembered filesystem can answer now
    Files.delete(lower);
    Files.delete(upper);
    BaseFilesystem remembered = BaseFilesystem.read(List.of(lower, upper), digests, Set.of("/etc/passwd"), cache);

    assertEquals(read.layers(), remembered.layers());
    for (String path : List.of("/etc/passwd", "/bin/sh", "/usr/bin/ash", "/tmp", "/nowhere")) {
      assertEquals(read.entry(path), remembered.entry(path), path);
    }
    assertEquals("root:x:0:0::/root:/bin/sh\n", new String(remembered.content("/etc/passwd").orElseThrow(),
        StandardCharsets.UTF_8));
    assertEquals(01777, remembered.entry("/tmp").orElseThrow().mode());
  }

  @Test
  void aRememberedFilesystemThatWasCutShortIsReadFromTheBaseAgain() throws IOException {
    Path layer = gz(TestTars.layer().dir("etc", 0755, 0).file("etc/group", "root:x:0:\n"));
    List<String> digests = List.of("sha256:" + "c".repeat(64));
    Path cache = temp.resolve("cache");
    BaseFilesystem.read(List.of(layer), digests, Set.of(), cache);
    try (var files = Files.list(cache.resolve("filesystems"))) {
      Path remembered = files.findFirst().orElseThrow();
      Files.write(remembered, Arrays.copyOf(Files.readAllBytes(remembered), 10));
    }

    BaseFilesystem again = BaseFilesystem.read(List.of(layer), digests, Set.of(), cache);

    assertTrue(again.exists("/etc/group"));
  }
}
