package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.image.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCacheTest {
  private static final byte[] BYTES = "some layer bytes".getBytes(StandardCharsets.UTF_8);
  private static final String DIGEST = Digests.of(BYTES);

  @TempDir Path cacheDirectory;

  @Test
  void putStoresTheBlobUnderBlobsSha256Hex() throws IOException {
    BlobCache cache = new BlobCache(cacheDirectory);

    Path stored = cache.put(DIGEST, out -> out.write(BYTES));

    assertEquals(cacheDirectory.resolve("blobs/sha256/" + DIGEST.substring(7)), stored);
    assertArrayEquals(BYTES, Files.readAllBytes(stored));
    assertEquals(stored, cache.get(DIGEST).orElseThrow());
  }

  @Test
  void aTempFileLeftByABuildKilledMidDownloadIsRemovedByTheNextPutOfThatBlob() throws IOException {
    BlobCache cache = new BlobCache(cacheDirectory);
    Path blobs = Files.createDirectories(cacheDirectory.resolve("blobs/sha256"));
    Path stale = Files.writeString(blobs.resolve(DIGEST.substring(7) + "-123456.tmp"), "half a layer");
    Path other = Files.writeString(blobs.resolve("0".repeat(64) + "-1.tmp"), "another blob's download");

    cache.put(DIGEST, out -> out.write(BYTES));

    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(other), "only this blob's leftovers: another download may be running");
  }

  @Test
  void getDeletesACorruptEntryAndReportsItMissing() throws IOException {
    BlobCache cache = new BlobCache(cacheDirectory);
    Path stored = cache.put(DIGEST, out -> out.write(BYTES));
    Files.writeString(stored, "bit rot");

    assertTrue(cache.get(DIGEST).isEmpty());
    assertFalse(Files.exists(stored));
  }

  @Test
  void aBlobVerifiedBeforeIsNotHashedAgainButOneWrittenSinceIsEvenWithItsSizeAndTimeKept() throws IOException {
    BlobCache cache = new BlobCache(cacheDirectory);
    Path stored = cache.put(DIGEST, out -> out.write(BYTES));
    assertTrue(cache.get(DIGEST).isPresent());
    Path verified = stored.resolveSibling(stored.getFileName() + ".verified");
    assertTrue(Files.isRegularFile(verified), "the verification was not recorded");

    // same length, same mtime, other bytes: only its ctime tells, and the entry is hashed again and refused
    java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(stored);
    byte[] other = BYTES.clone();
    other[0] = 'S';
    Files.write(stored, other);
    Files.setLastModifiedTime(stored, time);

    assertTrue(cache.get(DIGEST).isEmpty());
    assertFalse(Files.exists(stored));
  }

  @Test
  void putRejectsBytesWithAnotherDigestAndLeavesNothingBehind() throws IOException {
    BlobCache cache = new BlobCache(cacheDirectory);

    IOException e = assertThrows(IOException.class, () -> cache.put(DIGEST, out -> out.write(new byte[] {1, 2})));

    assertTrue(e.getMessage().contains(DIGEST), e.getMessage());
    assertTrue(cache.get(DIGEST).isEmpty());
    try (var files = Files.list(cache.directory())) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")));
    }
  }

  @Test
  void concurrentPutsOfTheSameDigestBothSucceed() throws Exception {
    BlobCache cache = new BlobCache(cacheDirectory);
    BlobCache secondInstance = new BlobCache(cacheDirectory);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Path>> puts = List.of(cache, secondInstance).stream()
          .map(c -> pool.submit(() -> {
            start.await();
            return c.put(DIGEST, out -> {
              for (byte b : BYTES) {
                out.write(b);
                out.flush();
                Thread.onSpinWait();
              }
            });
          }))
          .toList();
      start.countDown();
      Path first = puts.get(0).get(10, TimeUnit.SECONDS);
      Path second = puts.get(1).get(10, TimeUnit.SECONDS);

      assertEquals(first, second);
      assertArrayEquals(BYTES, Files.readAllBytes(first));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsADigestThatIsNotSha256() {
    BlobCache cache = new BlobCache(cacheDirectory);

    assertThrows(IllegalArgumentException.class, () -> cache.get("md5:abc"));
  }
}
