package dev.multistage.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {
  @TempDir Path dir;

  private List<LayerEntry> entries(Path jar) {
    return List.of(new LayerEntry.Directory("/app/libs", 0755, 0, 0),
        new LayerEntry.File("/app/libs/lib.jar", jar, 0644, 0, 0),
        new LayerEntry.Content("/app/VERSION", "1.0".getBytes(StandardCharsets.UTF_8), 0644, 0, 0));
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void theSameEntriesAreTheBlobWrittenBeforeFoundWithoutReadingTheirFiles() throws IOException {
    Path jar = file("lib.jar", "version one");
    LayerCache cache = new LayerCache(dir.resolve("cache"));
    WrittenLayer first = cache.write(entries(jar));
    FileTime written = Files.getLastModifiedTime(first.blob());

    // same size and time, other bytes: only a cache that does not read the file returns the first blob
    FileTime time = Files.getLastModifiedTime(jar);
    Files.writeString(jar, "version two", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(jar, time);
    WrittenLayer second = cache.write(entries(jar));

    assertEquals(first, second);
    assertEquals(written, Files.getLastModifiedTime(second.blob()), "the blob was written again");
  }

  @Test
  void aChangedFileIsANewLayerWithItsOwnDigest() throws IOException {
    Path jar = file("lib.jar", "version one");
    LayerCache cache = new LayerCache(dir.resolve("cache"));
    WrittenLayer first = cache.write(entries(jar));

    Files.writeString(jar, "version two, longer", StandardCharsets.UTF_8);
    WrittenLayer second = cache.write(entries(jar));

    assertNotEquals(first.digest(), second.digest());
    assertEquals(second.digest(), sha256(second.blob()));
    assertEquals(ReproducibleLayerWriter.write(entries(jar), dir.resolve("direct")).digest(), second.digest(),
        "a cached layer has the bytes the writer gives");
  }

  @Test
  void aLayerWhoseBlobWasRemovedOrCutShortIsWrittenAgain() throws IOException {
    Path jar = file("lib.jar", "version one");
    LayerCache cache = new LayerCache(dir.resolve("cache"));
    WrittenLayer first = cache.write(entries(jar));
    byte[] blob = Files.readAllBytes(first.blob());

    Files.write(first.blob(), java.util.Arrays.copyOf(blob, blob.length / 2));
    WrittenLayer repaired = cache.write(entries(jar));
    assertEquals(first, repaired);
    assertEquals(first.digest(), sha256(repaired.blob()));

    Files.delete(first.blob());
    WrittenLayer rewritten = cache.write(entries(jar));
    assertEquals(first, rewritten);
    assertTrue(Files.isRegularFile(rewritten.blob()));
  }

  @Test
  void modulesWritingTheSameLayerAtOnceAllGetOneCompleteBlob() throws Exception {
    Path jar = Files.write(dir.resolve("big.jar"), new byte[8 << 20]);
    Path cacheDir = dir.resolve("cache");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<WrittenLayer>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> new LayerCache(cacheDir).write(entries(jar))));
      }
      WrittenLayer one = results.get(0).get(60, TimeUnit.SECONDS);
      for (Future<WrittenLayer> r : results) {
        assertEquals(one, r.get(60, TimeUnit.SECONDS));
      }
      assertEquals(one.digest(), sha256(one.blob()));
      try (var blobs = Files.list(cacheDir.resolve("layers/blobs"))) {
        assertEquals(List.of(one.blob().getFileName()), blobs.map(Path::getFileName).toList(),
            "temp files or a second blob were left behind");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pruningRemovesLayersUnusedForAMonthAndKeepsTheOthers() throws IOException {
    LayerCache cache = new LayerCache(dir.resolve("cache"));
    WrittenLayer old = cache.write(entries(file("old.jar", "old")));
    WrittenLayer recent = cache.write(entries(file("new.jar", "new")));
    long longAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(LayerCache.UNUSED_DAYS + 1);
    try (var records = Files.list(dir.resolve("cache/layers/records"))) {
      for (Path r : records.toList()) {
        if (Files.readString(r).contains(old.digest().substring(7))) {
          Files.setLastModifiedTime(r, FileTime.fromMillis(longAgo));
        }
      }
    }
    Files.setLastModifiedTime(old.blob(), FileTime.fromMillis(longAgo));

    int removed = cache.prune();

    assertEquals(1, removed);
    assertFalse(Files.exists(old.blob()));
    assertTrue(Files.exists(recent.blob()));
    assertEquals(0, cache.prune(), "pruned twice in a day");
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      sha.update(in.readAllBytes());
    }
    return Sha256.PREFIX + HexFormat.of().formatHex(sha.digest());
  }
}
