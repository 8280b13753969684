package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multistage.testing.TestTars;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppReadabilityTest {
  @TempDir Path dir;

  @Test
  void aConfigFileOnlyRootCanReadIsFlagged() throws Exception {
    List<Finding> found = SeededImage.clean(dir)
        .layer(TestTars.layer().file("app/config/application.properties", "db=x", 0640, 0)).findings();

    assertEquals(List.of(Rule.APP_FILE_UNREADABLE), found.stream().map(Finding::rule).toList());
    assertEquals("/app/config/application.properties (owner 0:0, mode 0640): the app's user 1001:1001 cannot read "
        + "this file.", found.get(0).message());
  }

  @Test
  void aFileTheAppUserOwnsOrItsGroupMayReadIsReadable() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir).layer(TestTars.layer()
        .file("app/config/owned.properties", "x", 0600, 1001, 1001)
        .file("app/config/group.properties", "x", 0640, 0, 1001)).rules());
  }

  @Test
  void aClassPathDirectoryTheUserCannotListIsFlagged() throws Exception {
    assertEquals(Set.of("app-file-unreadable"),
        SeededImage.clean(dir).layer(TestTars.layer().dir("app/libs", 0700, 0)).rules());
  }

  @Test
  void aClassPathEntryOutsideTheWorkingDirectoryIsCheckedWithTheDirectoriesOnTheWay() throws Exception {
    List<Finding> found = SeededImage.clean(dir)
        .config(c -> c.withEntrypoint(List.of("java", "-jar", "/opt/shop/lib/shop.jar"), List.of()))
        .layer(TestTars.layer().dir("opt/shop", 0700, 0).dir("opt/shop/lib", 0755, 0)
            .file("opt/shop/lib/shop.jar", "PK", 0644, 0)).findings();

    assertEquals(List.of("/opt/shop"), found.stream().map(Finding::location).toList());
    assertEquals(Rule.APP_FILE_UNREADABLE, found.get(0).rule());
  }

  @Test
  void rootReadsEverythingSoOnlyTheUserRuleFires() throws Exception {
    assertEquals(Set.of("user-root"), SeededImage.clean(dir).config(c -> c.withUser("0"))
        .layer(TestTars.layer().file("app/config/secret.properties", "x", 0600, 0)).rules());
  }
}
