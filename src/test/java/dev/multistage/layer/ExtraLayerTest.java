package dev.multistage.layer;

import dev.multistage.testing.TestTars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.multistage.plan.ExtraDirectory;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UserSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtraLayerTest {
  private static final Set<String> BASE = Set.of("/etc", "/opt", "/app");

  @TempDir Path temp;

  /** A source tree {@code settings.txt}, {@code certs/ca.pem}, with the given on-disk mode and mtime. */
  private Path source(String name, String permissions, long mtime) throws IOException {
    Path root = Files.createDirectories(temp.resolve(name));
    Path certs = Files.createDirectories(root.resolve("certs"));
    for (Path f : List.of(Files.writeString(root.resolve("settings.txt"), "mode=live\n"),
        Files.writeString(certs.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n"))) {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(permissions));
      Files.setLastModifiedTime(f, FileTime.fromMillis(mtime));
    }
    return root;
  }

  private static List<LayerEntry> entries(Path from, String into, ExtraDirectory.Owner owner) throws IOException {
    return ExtraLayer.entries(List.of(new ExtraDirectory(from, into, 0640, 0750, owner)), UserSpec.DEFAULT,
        BASE::contains);
  }

  @Test
  void sameFilesGiveTheSameLayerDigestWhateverTheirModesAndTimesOnDisk() throws IOException {
    WrittenLayer one = ReproducibleLayerWriter.write(
        entries(source("checkout-1", "rw-rw-rw-", 1_000_000L), "/opt/shop/config", ExtraDirectory.Owner.APP),
        temp.resolve("layers-1"));
    WrittenLayer two = ReproducibleLayerWriter.write(
        entries(source("checkout-2", "rwx------", 1_700_000_000_000L), "/opt/shop/config", ExtraDirectory.Owner.APP),
        temp.resolve("layers-2"));

    assertEquals(one.digest(), two.digest());
    assertEquals(one.diffId(), two.diffId());
  }

  @Test
  void appOwnerGetsTheFilesAndTargetWithTheAskedModesAndMissingParentsStayRoot() throws IOException {
    WrittenLayer layer = ReproducibleLayerWriter.write(
        entries(source("conf", "rw-rw-rw-", 0L), "/opt/shop/config", ExtraDirectory.Owner.APP), temp.resolve("l"));

    Map<String, String> read = new LinkedHashMap<>();
    for (TestTars.Read r : TestTars.readGzip(layer.blob())) {
      TarArchiveEntry h = r.header();
      read.put(h.getName(), Integer.toOctalString(h.getMode() & 07777) + " " + h.getLongUserId() + ":"
          + h.getLongGroupId() + " " + h.getModTime().getTime());
    }
    assertEquals(Map.of(
        "opt/shop/", "755 0:0 1000",
        "opt/shop/config/", "750 1001:1001 1000",
        "opt/shop/config/certs/", "750 1001:1001 1000",
        "opt/shop/config/certs/ca.pem", "640 1001:1001 1000",
        "opt/shop/config/settings.txt", "640 1001:1001 1000"), read);
    assertEquals(2, ExtraLayer.fileCount(entries(temp.resolve("conf"), "/opt/shop/config",
        ExtraDirectory.Owner.APP)));
  }

  @Test
  void rootOwnerIsNumericZeroAndExistingDirectoriesKeepTheirOwner() throws IOException {
    Path from = source("etc-files", "rw-r--r--", 0L);
    Files.createDirectories(from.resolve("app")); // /app exists below: the user layer owns it

    List<LayerEntry> entries = entries(from, "/", ExtraDirectory.Owner.ROOT);

    assertEquals(List.of(
        new LayerEntry.Directory("/certs", 0750, 0, 0),
        new LayerEntry.File("/certs/ca.pem", from.resolve("certs/ca.pem"), 0640, 0, 0),
        new LayerEntry.File("/settings.txt", from.resolve("settings.txt"), 0640, 0, 0)), entries);
  }

  @Test
  void sameFileFromTwoExtraDirectoriesFails() throws IOException {
    Path a = source("a", "rw-r--r--", 0L);
    Path b = source("b", "rw-r--r--", 0L);

    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ExtraLayer.entries(
        List.of(new ExtraDirectory(a, "/opt", 0644, 0755, ExtraDirectory.Owner.ROOT),
            new ExtraDirectory(b, "/opt", 0644, 0755, ExtraDirectory.Owner.ROOT)), UserSpec.DEFAULT,
        BASE::contains));
    assertEquals("extraDirectories", e.parameter());
  }
}
