package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserRulesTest {
  @TempDir Path dir;

  @Test
  void noUserAtAllRunsAsRoot() throws Exception {
    SeededImage image = SeededImage.clean(dir).json(j -> ((ObjectNode) j.path("config")).remove("User"));

    assertEquals(Set.of("user-root"), image.rules());
    assertEquals("The image sets no User, so it runs as root.", image.findings().get(0).message());
  }

  @Test
  void uidZeroAndTheNameRootAreRoot() throws Exception {
    for (String root : List.of("0", "0:0", "root", "root:root")) {
      assertEquals(Set.of("user-root"), SeededImage.clean(dir.resolve(root.replace(':', '-')))
          .config(c -> c.withUser(root)).rules(), root);
    }
  }

  @Test
  void aUserNameIsFlaggedAsNotNumericEvenWhenPasswdHasIt() throws Exception {
    assertEquals(Set.of("user-not-numeric"), SeededImage.clean(dir).config(c -> c.withUser("app")).rules());
  }

  @Test
  void aNumericUserMissingFromPasswdIsFlagged() throws Exception {
    List<Finding> found = SeededImage.clean(dir).config(c -> c.withUser("2000:2000")).findings();

    assertEquals(List.of(Rule.USER_WITHOUT_PASSWD_ENTRY), found.stream().map(Finding::rule).toList());
    assertTrue(found.get(0).message().startsWith("uid 2000 (User '2000:2000') has no entry"), found.toString());
  }

  @Test
  void aNameThatPasswdLacksCannotStart() throws Exception {
    assertEquals(Set.of("user-not-numeric", "user-without-passwd-entry"),
        SeededImage.clean(dir).config(c -> c.withUser("ghost")).rules());
  }

  @Test
  void theUserIsResolvedAsARuntimeDoes() {
    String passwd = "root:x:0:0::/root:/bin/sh\napp:x:1001:1002::/home/app:/bin/sh\n";
    String group = "root:x:0:\nstaff:x:50:\n";

    assertEquals(new AppUser("app", 1001, 1002, true),
        AppUser.resolve("app", Optional.of(passwd), Optional.of(group)).orElseThrow());
    assertEquals(new AppUser("app:staff", 1001, 50, true),
        AppUser.resolve("app:staff", Optional.of(passwd), Optional.of(group)).orElseThrow());
    assertEquals(new AppUser("3000", 3000, 0, false),
        AppUser.resolve("3000", Optional.of(passwd), Optional.of(group)).orElseThrow());
    assertTrue(AppUser.resolve("app:nogroup", Optional.of(passwd), Optional.of(group)).isEmpty());
  }
}
