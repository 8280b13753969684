package dev.multistage.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.UserSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswdMergeTest {
  private static final String DEBIAN_PASSWD = "root:x:0:0:root:/root:/bin/bash\n"
      + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
      + "# a comment the base kept\n"
      + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
  private static final String DEBIAN_GROUP = "root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n";

  @Test
  void mergesAppUserIntoBasePasswdWithoutDroppingEntries() {
    PasswdMerge.Result result = PasswdMerge.merge(Optional.of(DEBIAN_PASSWD), Optional.of(DEBIAN_GROUP),
        new UserSpec(1001, 1002));

    assertEquals(DEBIAN_PASSWD + "app:x:1001:1002:app:/home/app:/sbin/nologin\n", result.passwd());
    assertEquals(DEBIAN_GROUP + "app:x:1002:\n", result.group());
    assertEquals("app", result.userName());
    assertTrue(result.userAdded());
    assertTrue(result.groupAdded());
    assertEquals("/home/app", result.home());
  }

  @Test
  void existingUidIsReusedNotDuplicated() {
    String passwd = DEBIAN_PASSWD + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n";
    String group = DEBIAN_GROUP + "nonroot:x:65532:\n";

    PasswdMerge.Result result = PasswdMerge.merge(Optional.of(passwd), Optional.of(group),
        new UserSpec(65532, 65532));

    assertEquals(passwd, result.passwd());
    assertEquals(group, result.group());
    assertEquals("nonroot", result.userName());
    assertFalse(result.userAdded());
    assertFalse(result.groupAdded());
    assertEquals("/home/nonroot", result.home());
  }

  @Test
  void existingGidIsReusedWhileTheUserIsAdded() {
    PasswdMerge.Result result = PasswdMerge.merge(Optional.of(DEBIAN_PASSWD), Optional.of(DEBIAN_GROUP),
        new UserSpec(1001, 65534));

    assertTrue(result.userAdded());
    assertFalse(result.groupAdded());
    assertEquals(DEBIAN_GROUP, result.group());
    assertTrue(result.passwd().endsWith("app:x:1001:65534:app:/home/app:/sbin/nologin\n"));
  }

  @Test
  void missingPasswdGetsAMinimalOne() {
    PasswdMerge.Result result = PasswdMerge.merge(Optional.empty(), Optional.empty(), new UserSpec(1001, 1001));

    assertEquals("root:x:0:0:root:/root:/sbin/nologin\n"
        + "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
        + "app:x:1001:1001:app:/home/app:/sbin/nologin\n", result.passwd());
    assertEquals("root:x:0:\nnogroup:x:65534:\napp:x:1001:\n", result.group());
  }

  @Test
  void appNameHeldByAnotherUidGetsTheUidAsSuffix() {
    String passwd = DEBIAN_PASSWD + "app:x:999:999:app:/opt/app:/bin/sh\n";
    String group = DEBIAN_GROUP + "app:x:999:\n";

    PasswdMerge.Result result = PasswdMerge.merge(Optional.of(passwd), Optional.of(group),
        new UserSpec(1001, 1001));

    assertEquals("app1001", result.userName());
    assertEquals(passwd + "app1001:x:1001:1001:app1001:/home/app:/sbin/nologin\n", result.passwd());
    assertEquals(group + "app1001:x:1001:\n", result.group());
  }

  @Test
  void fileWithoutFinalNewlineGetsOneBeforeTheAppendedLine() {
    PasswdMerge.Result result = PasswdMerge.merge(Optional.of("root:x:0:0:root:/root:/bin/sh"),
        Optional.of("root:x:0:"), new UserSpec(1001, 1001));

    assertEquals("root:x:0:0:root:/root:/bin/sh\napp:x:1001:1001:app:/home/app:/sbin/nologin\n",
        result.passwd());
    assertEquals("root:x:0:\napp:x:1001:\n", result.group());
  }
}
