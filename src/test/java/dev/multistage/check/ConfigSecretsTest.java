package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSecretsTest {
  private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @TempDir Path dir;

  @Test
  void anAwsSecretInTheEnvironmentIsFlaggedByNameWithoutShowingTheValue() throws Exception {
    List<Finding> found = SeededImage.clean(dir).config(c -> c.withEnv(Map.of("AWS_SECRET_ACCESS_KEY", AWS_SECRET)))
        .findings();

    assertEquals(List.of(Rule.SECRET_IN_CONFIG), found.stream().map(Finding::rule).toList());
    assertEquals("config.Env.AWS_SECRET_ACCESS_KEY", found.get(0).location());
    assertFalse(found.get(0).message().contains(AWS_SECRET), found.get(0).message());
  }

  @Test
  void aLabelHoldingATokenIsFlagged() throws Exception {
    assertEquals(Set.of("secret-in-config"), SeededImage.clean(dir)
        .config(c -> c.withLabels(Map.of("deploy.token", "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8")))
        .rules());
  }

  @Test
  void commitIdsInOciLabelsAndSecretFilesPassedAtRunTimeAreNoSecrets() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir).config(c -> c
        .withLabels(Map.of("org.opencontainers.image.revision", "0123456789abcdef0123456789abcdef01234567"))
        .withEnv(Map.of("DB_PASSWORD_FILE", "/run/secrets/db", "APP_MODE", "production"))).rules());
  }
}
