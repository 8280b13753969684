package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multistage.testing.TestTars;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileModesTest {
  @TempDir Path dir;

  @Test
  void aSetuidRootBinaryIsFlagged() throws Exception {
    List<Finding> found = SeededImage.clean(dir)
        .layer(TestTars.layer().file("usr/bin/su", "ELF", 04755, 0)).findings();

    assertEquals(List.of(Rule.SETUID_FILE), found.stream().map(Finding::rule).toList());
    assertEquals("/usr/bin/su is setuid (runs as uid 0), mode 4755.", found.get(0).message());
  }

  @Test
  void aSetgidBinaryIsFlaggedToo() throws Exception {
    assertEquals(Set.of("setuid-file"), SeededImage.clean(dir)
        .layer(TestTars.layer().file("usr/bin/chage", "ELF", 02755, 0, 42)).rules());
  }

  @Test
  void aWorldWritableDirectoryOutsideTmpIsFlagged() throws Exception {
    List<Finding> found = SeededImage.clean(dir).layer(TestTars.layer().dir("srv/uploads", 0777, 0)).findings();

    assertEquals(List.of(Rule.WORLD_WRITABLE), found.stream().map(Finding::rule).toList());
    assertEquals("/srv/uploads", found.get(0).location());
  }

  @Test
  void tmpScratchDirectoriesAndStickyDirectoriesAreMeantToBeShared() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir).layer(TestTars.layer()
        .dir("var/tmp", 01777, 0)
        .file("tmp/scratch.txt", "x", 0666, 0)
        .dir("run/lock", 01777, 0)).rules());
  }

  @Test
  void aWorldWritableFileIsFlaggedButADeviceNodeIsMeantToBe() throws Exception {
    assertEquals(List.of("/app/state.txt"), SeededImage.clean(dir).layer(TestTars.layer()
        .file("app/state.txt", "x", 0666, 0)
        .device("dev/null", 0666)).findings().stream().map(Finding::location).toList());
  }

  @Test
  void aFileALaterLayerDeletesIsNotInTheImage() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir)
        .layer(TestTars.layer().file("usr/bin/su", "ELF", 04755, 0).dir("srv/uploads", 0777, 0))
        .layer(TestTars.layer().whiteout("usr/bin", "su").whiteout("srv", "uploads")).rules());
  }
}
