package dev.multistage.builder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A build in the middle of making a cache entry, as its own process for {@link CacheDirectoriesTest}: begins a work
 * directory for the entry its argument names, writes into it, prints its path, and works until it is killed.
 */
final class WorkHolder {
  private WorkHolder() {}

  public static void main(String[] args) throws Exception {
    CacheDirectories.Work work = CacheDirectories.begin(Path.of(args[0]));
    Files.writeString(work.path().resolve("half-linked"), "jlink was here");
    System.out.println(work.path());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
