package dev.multistage.layer;

import dev.multistage.testing.TestTars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.UserSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserLayerTest {
  private static final UserSpec USER = new UserSpec(1001, 1002);

  @TempDir
  Path temp;

  private BaseFilesystem base(TestTars layer) throws IOException {
    return BaseFilesystem.read(List.of(layer.writeGzip(temp.resolve("base.tar.gz"))), UserLayer.FILES_READ);
  }

  private static TestTars debianLike() {
    return TestTars.layer().dir("etc", 0755, 0).dir("home", 0755, 0).dir("tmp", 01777, 0)
        .file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n").file("etc/group", "root:x:0:\n");
  }

  private static Map<String, LayerEntry> byPath(List<LayerEntry> entries) {
    return entries.stream().collect(Collectors.toMap(LayerEntry::path, Function.identity()));
  }

  @Test
  void userLayerOwnsHomeAndWorkdirByTheUser() throws IOException {
    Map<String, LayerEntry> entries = byPath(UserLayer.entries(base(debianLike()), USER, "/app"));

    assertEquals(new LayerEntry.Directory("/home/app", 0755, 1001, 1002), entries.get("/home/app"));
    assertEquals(new LayerEntry.Directory("/app", 0755, 1001, 1002), entries.get("/app"));
  }

  @Test
  void passwdAndGroupAreMergedFromTheBaseAndOwnedByRoot() throws IOException {
    Map<String, LayerEntry> entries = byPath(UserLayer.entries(base(debianLike()), USER, "/app"));

    LayerEntry.Content passwd = (LayerEntry.Content) entries.get("/etc/passwd");
    assertEquals("root:x:0:0:root:/root:/bin/bash\napp:x:1001:1002:app:/home/app:/sbin/nologin\n",
        new String(passwd.bytes(), StandardCharsets.UTF_8));
    assertEquals(0644, passwd.mode());
    assertEquals(0, passwd.uid());
    LayerEntry.Content group = (LayerEntry.Content) entries.get("/etc/group");
    assertEquals("root:x:0:\napp:x:1002:\n", new String(group.bytes(), StandardCharsets.UTF_8));
    assertEquals(0, group.gid());
  }

  @Test
  void directoriesTheBaseHasAreNotRepeated() throws IOException {
    Map<String, LayerEntry> entries = byPath(UserLayer.entries(base(debianLike()), USER, "/app"));

    assertEquals(List.of("/app", "/etc/group", "/etc/passwd", "/home/app"),
        entries.keySet().stream().sorted().toList());
  }

  @Test
  void scratchBaseGetsEtcTmpHomeAndWorkdirParents() throws IOException {
    BaseFilesystem scratch = base(TestTars.layer().file("hello", "static binary"));

    Map<String, LayerEntry> entries = byPath(UserLayer.entries(scratch, USER, "/srv/app/"));

    assertEquals(new LayerEntry.Directory("/etc", 0755, 0, 0), entries.get("/etc"));
    assertEquals(new LayerEntry.Directory("/tmp", 01777, 0, 0), entries.get("/tmp"));
    assertEquals(new LayerEntry.Directory("/home", 0755, 0, 0), entries.get("/home"));
    assertEquals(new LayerEntry.Directory("/srv", 0755, 0, 0), entries.get("/srv"));
    assertEquals(new LayerEntry.Directory("/srv/app", 0755, 1001, 1002), entries.get("/srv/app"));
    assertTrue(new String(((LayerEntry.Content) entries.get("/etc/passwd")).bytes(), StandardCharsets.UTF_8)
        .startsWith("root:x:0:0:root:/root:/sbin/nologin\n"));
  }

  @Test
  void existingUserKeepsTheHomeItAlreadyOwns() throws IOException {
    BaseFilesystem distroless = base(TestTars.layer().dir("etc", 0755, 0).dir("tmp", 01777, 0)
        .file("etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
            + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
        .file("etc/group", "root:x:0:\nnonroot:x:65532:\n")
        .dir("home/nonroot", 0700, 65532));

    Map<String, LayerEntry> entries = byPath(
        UserLayer.entries(distroless, new UserSpec(65532, 65532), "/app"));

    assertFalse(entries.containsKey("/home/nonroot"), "already a directory owned by the user");
    assertFalse(entries.containsKey("/home/app"));
    assertFalse(entries.containsKey("/home"));
    assertEquals(new LayerEntry.Directory("/app", 0755, 65532, 65532), entries.get("/app"));
  }

  @Test
  void existingUserGetsItsOwnHomeWhenTheBaseLacksIt() throws IOException {
    BaseFilesystem base = base(TestTars.layer().dir("etc", 0755, 0).dir("tmp", 01777, 0)
        .file("etc/passwd", "svc:x:1001:1001:svc:/var/lib/svc:/sbin/nologin\n"));

    Map<String, LayerEntry> entries = byPath(UserLayer.entries(base, USER, "/app"));

    assertEquals(new LayerEntry.Directory("/var", 0755, 0, 0), entries.get("/var"));
    assertEquals(new LayerEntry.Directory("/var/lib", 0755, 0, 0), entries.get("/var/lib"));
    assertEquals(new LayerEntry.Directory("/var/lib/svc", 0755, 1001, 1002), entries.get("/var/lib/svc"));
    assertFalse(entries.containsKey("/home/app"));
  }

  @Test
  void homeTheBaseMadeForSomeoneElseIsHandedToTheUser() throws IOException {
    Map<String, LayerEntry> entries = byPath(
        UserLayer.entries(base(debianLike().dir("home/app", 0755, 0)), USER, "/app"));

    assertEquals(new LayerEntry.Directory("/home/app", 0755, 1001, 1002), entries.get("/home/app"));
  }

  @Test
  void workdirInsideHomeIsListedOnceAndTheLayerCanBeWritten() throws IOException {
    List<LayerEntry> entries = UserLayer.entries(base(debianLike()), USER, "/home/app");

    WrittenLayer layer = ReproducibleLayerWriter.write(entries, temp.resolve("out"));

    assertEquals(3, layer.files());
    assertEquals(List.of("etc/group", "etc/passwd", "home/app/"),
        TestTars.readGzip(layer.blob()).stream().map(r -> r.header().getName()).toList());
  }
}
