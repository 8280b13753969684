package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
