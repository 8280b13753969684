package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRevisionTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path dir;

  @Test
  void revisionComesFromALooseBranchRefAboveTheModule() throws IOException {
    Path git = Files.createDirectories(dir.resolve(".git/refs/heads"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("main"), SHA + "\n");
    Path module = Files.createDirectories(dir.resolve("services/shop"));

    assertEquals(Optional.of(SHA), GitRevision.of(module));
  }

  @Test
  void revisionComesFromPackedRefsAndFromADetachedHead() throws IOException {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/release\n");
    Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled\n" + SHA + " refs/heads/release\n");
    assertEquals(Optional.of(SHA), GitRevision.of(dir));

    Files.writeString(dir.resolve(".git/HEAD"), SHA.replace('0', 'f') + "\n");
    assertEquals(Optional.of(SHA.replace('0', 'f')), GitRevision.of(dir));
  }

  @Test
  void noRepositoryMeansNoRevisionLabel() {
    assertTrue(GitRevision.of(dir).isEmpty(), "a temp dir outside any repository has no revision");
  }
}
