package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceRulesTest {
  private static final String BASE_NAME = "org.opencontainers.image.base.name";
  private static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

  @TempDir Path dir;

  @Test
  void aBaseRecordedAsATagAloneIsUnpinned() throws Exception {
    List<Finding> found = SeededImage.clean(dir)
        .config(c -> c.withLabels(Map.of(BASE_NAME, "eclipse-temurin:17-jre"))).findings();

    assertEquals(List.of(Rule.BASE_UNPINNED), found.stream().map(Finding::rule).toList());
    assertEquals("config.Labels." + BASE_NAME, found.get(0).location());
  }

  @Test
  void aTagWithTheBaseDigestLabelBesideItIsPinned() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir).config(c -> c.withLabels(Map.of(BASE_NAME,
        "eclipse-temurin:17-jre", BASE_DIGEST, "sha256:" + "d".repeat(64)))).rules());
  }

  @Test
  void aBaseFromALocalArchiveOrLayoutIsNoMovingTag() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir.resolve("oci"))
        .config(c -> c.withLabels(Map.of(BASE_NAME, "oci:/builds/stand-in/jre"))).rules());
    assertEquals(Set.of(), SeededImage.clean(dir.resolve("tar"))
        .config(c -> c.withLabels(Map.of(BASE_NAME, "tar:/builds/base.tar"))).rules());
  }

  @Test
  void anImageThatDoesNotSayWhatItWasBuiltOnIsUnrecorded() throws Exception {
    assertEquals(Set.of("base-unrecorded"),
        SeededImage.clean(dir).json(j -> ((ObjectNode) j.path("config").path("Labels")).remove(BASE_NAME)).rules());
  }

  @Test
  void anImageCheckedByTagAloneIsATagOnlyReference() throws Exception {
    List<Finding> found = SeededImage.clean(dir).tagOnly().findings();

    assertEquals(List.of(Rule.TAG_ONLY_REFERENCE), found.stream().map(Finding::rule).toList());
    assertTrue(found.get(0).message().contains("sha256:" + "c".repeat(64)), found.get(0).message());
  }
}
