package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code to} read as Docker reads a reference: lowercase repository, optional host[:port], a tag, never a digest. */
class ImageNameTest {

  @Test
  void repositoryWithoutTagTakesTheConfiguredTagsElseTheDefault() {
    assertEquals(new ImageName("shop", List.of("1.0")), ImageName.parse("shop", List.of(), "1.0"));
    assertEquals(new ImageName("ghcr.io/acme/shop", List.of("a", "b")),
        ImageName.parse("ghcr.io/acme/shop", List.of("a", "b"), "1.0"));
  }

  @Test
  void registryHostWithPortIsNotATag() {
    assertEquals(new ImageName("127.0.0.1:5000/team/shop", List.of("1.0")),
        ImageName.parse("127.0.0.1:5000/team/shop", List.of(), "1.0"));
    assertEquals(new ImageName("localhost:5000/shop", List.of("2.0")),
        ImageName.parse("localhost:5000/shop:2.0", List.of(), "1.0"));
  }

  @Test
  void tagInToIsTheFirstTagAndConfiguredTagsFollowWithoutRepeatingIt() {
    assertEquals(new ImageName("ghcr.io/acme/shop", List.of("1.0")),
        ImageName.parse("ghcr.io/acme/shop:1.0", List.of(), "9.9-SNAPSHOT"));
    assertEquals(new ImageName("ghcr.io/acme/shop", List.of("1.0", "latest")),
        ImageName.parse("ghcr.io/acme/shop:1.0", List.of("1.0", "latest"), "9.9-SNAPSHOT"));
  }

  @Test
  void uppercaseRepositoryIsRefusedWithTheLowercaseNameToWrite() {
    InvalidParameterException e = refused("UPPER/Case");

    assertEquals("<to>: 'UPPER/Case' has uppercase letters; a repository name must be lowercase (only the registry "
        + "host may have capitals). Fix: write <to>upper/case</to>.", e.getMessage());
    assertTrue(refused("Registry.Example.com/Shop").getMessage().endsWith(
        "Fix: write <to>Registry.Example.com/shop</to>."));
  }

  @Test
  void digestIsRefusedAskingForTheRepositoryAndTags() {
    InvalidParameterException e = refused("ghcr.io/acme/shop@sha256:" + "a".repeat(64));

    assertTrue(e.getMessage().startsWith("<to>: 'ghcr.io/acme/shop@sha256:"), e.getMessage());
    assertTrue(e.getMessage().endsWith("Fix: write <to>ghcr.io/acme/shop</to> and list the tags in <tags>."),
        e.getMessage());
  }

  @Test
  void malformedNamesAreRefusedWithTheRule() {
    for (String to : List.of("", "shop:", "acme//shop", "-shop", "shop:-1", "bad_host.io:99x/shop", "a b")) {
      InvalidParameterException e = refused(to);
      assertEquals("to", e.parameter(), to);
      assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
    }
  }

  private static InvalidParameterException refused(String to) {
    return assertThrows(InvalidParameterException.class, () -> ImageName.parse(to, List.of(), "1.0"), to);
  }
}
