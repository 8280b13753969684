package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheDirectoriesTest {
  @TempDir Path cache;

  private Path finished(String name, String content) throws IOException {
    Path work = Files.createDirectories(cache.resolve(name));
    Files.writeString(work.resolve("runtime"), content);
    Files.writeString(work.resolve(CacheDirectories.COMPLETE), "done");
    return work;
  }

  @Test
  void aFinishedEntryMovesIntoPlace() throws IOException {
    Path target = cache.resolve("entry");
    CacheDirectories.publish(finished("work-1", "first"), target);

    assertTrue(CacheDirectories.isComplete(target));
    assertEquals("first", Files.readString(target.resolve("runtime")));
    assertFalse(Files.exists(cache.resolve("work-1")));
  }

  @Test
  void whenAnotherBuildPublishedTheSameEntryFirstItIsKeptAndNoErrorIsRaised() throws IOException {
    Path target = cache.resolve("entry");
    CacheDirectories.publish(finished("work-1", "first"), target);

    CacheDirectories.publish(finished("work-2", "second"), target);

    assertEquals("first", Files.readString(target.resolve("runtime")));
    assertFalse(Files.exists(cache.resolve("work-2")), "the loser's work directory is cleaned up");
  }

  @Test
  void anIncompleteEntryInTheWayIsAnError() throws IOException {
    Path target = Files.createDirectories(cache.resolve("entry"));
    Files.writeString(target.resolve("half"), "x");

    assertThrows(FileSystemException.class, () -> CacheDirectories.publish(finished("work-1", "first"), target));
    assertFalse(Files.exists(cache.resolve("work-1")));
  }

  @Test
  void aFileChangedInPlaceWithItsSizeKeptIsFoundByItsRecordedDigest() throws IOException {
    Path work = finished("work-1", "runtime bytes");
    CacheDirectories.recordFiles(work);
    Path target = cache.resolve("entry");
    CacheDirectories.publish(work, target);
    assertEquals(Optional.empty(), CacheDirectories.damage(target));

    Files.writeString(target.resolve("runtime"), "runtime bytez");

    assertEquals(Optional.of("runtime has other content than when it was made (its SHA-256 differs)"),
        CacheDirectories.damage(target));
  }

  @Test
  void anEntryRecordedBeforeDigestsIsStillCheckedBySize() throws IOException {
    Path target = finished("entry", "runtime bytes");
    Files.writeString(target.resolve(CacheDirectories.FILES), "runtime\t13\n");

    assertEquals(Optional.empty(), CacheDirectories.damage(target));
    Files.writeString(target.resolve("runtime"), "cut");
    assertEquals(Optional.of("runtime is 3 bytes, 13 when it was made"), CacheDirectories.damage(target));
  }

  @Test
  void aWorkDirectoryIsLeftAloneWhileItsBuildRunsAndClearedOnceThatBuildWasKilled() throws Exception {
    Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), WorkHolder.class.getName(), cache.resolve("runtime-a").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      Path work = Path.of(new java.io.BufferedReader(new java.io.InputStreamReader(build.getInputStream()))
          .readLine());
      assertTrue(Files.isDirectory(work), work.toString());

      CacheDirectories.begin(cache.resolve("runtime-b")).close();
      assertTrue(Files.exists(work.resolve("half-linked")), "another build's work in progress was removed");

      build.destroyForcibly().waitFor();
      CacheDirectories.begin(cache.resolve("runtime-b")).close();

      assertFalse(Files.exists(work), "what the killed build left is still there");
      try (java.util.stream.Stream<Path> left = Files.list(cache)) {
        assertEquals(List.of(), left.toList(), "work directories and their locks are all gone");
      }
    } finally {
      build.destroyForcibly();
    }
  }

  @Test
  void aDamagedEntryIsEvictedWholeAndLeavesNothingBehind() throws IOException {
    Path target = cache.resolve("entry");
    CacheDirectories.publish(finished("work-1", "first"), target);

    CacheDirectories.evict(target);

    try (java.util.stream.Stream<Path> left = Files.list(cache)) {
      assertEquals(List.of(), left.toList());
    }
  }
}
