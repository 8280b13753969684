package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.testing.TestTars;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
      + "-----END PRIVATE KEY-----\n";

  @TempDir Path dir;

  @Test
  void aDotEnvWithAPasswordIsASecretFileNamingTheVariableNotTheValue() throws Exception {
    List<Finding> found = SeededImage.clean(dir)
        .layer(TestTars.layer().file("app/.env", "PORT=8080\nDB_PASSWORD=hunter2\n")).findings();

    assertEquals(List.of(Rule.SECRET_FILE), found.stream().map(Finding::rule).toList());
    assertEquals("/app/.env", found.get(0).location());
    assertTrue(found.get(0).message().startsWith("/app/.env in layer 3 of 3 (sha256:"), found.get(0).message());
    assertTrue(found.get(0).message().contains("sets DB_PASSWORD"), found.get(0).message());
    assertFalse(found.get(0).message().contains("hunter2"), found.get(0).message());
  }

  @Test
  void aDotEnvWithoutSecretsAndAnExampleFileAreNotSecretFiles() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir).layer(TestTars.layer()
        .file("app/.env", "PORT=8080\nLOG_FORMAT=json\n")
        .file("app/.env.example", "DB_PASSWORD=change-me\n")).rules());
  }

  @Test
  void keysAndCredentialFilesAreSecretFiles() throws Exception {
    List<Finding> found = SeededImage.clean(dir).layer(TestTars.layer()
        .file("root/.ssh/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n")
        .file("app/config/tls.key", PEM)
        .file("root/.npmrc", "//registry.npmjs.org/:_authToken=npm_abc\n")
        .file("root/.git-credentials", "https://ci:token@git.example.com\n")
        .file("app/settings-security.xml", "<settingsSecurity><master>{x}</master></settingsSecurity>")
        .file("root/.aws/credentials", "[default]\naws_secret_access_key = abc\n")).findings();

    assertEquals(Set.of(Rule.SECRET_FILE), Set.copyOf(found.stream().map(Finding::rule).toList()));
    assertEquals(Set.of("/app/config/tls.key", "/root/.aws/credentials", "/root/.git-credentials", "/root/.npmrc",
        "/root/.ssh/id_ed25519", "/app/settings-security.xml"),
        Set.copyOf(found.stream().map(Finding::location).toList()));
    assertEquals(6, found.size());
  }

  @Test
  void aSecretFileThatALaterLayerDeletesIsStillInTheLayerThatAddedIt() throws Exception {
    List<Finding> found = SeededImage.clean(dir)
        .layer(TestTars.layer().file("app/config/tls.key", PEM))
        .layer(TestTars.layer().whiteout("app/config", "tls.key")).findings();

    assertEquals(List.of(Rule.SECRET_FILE), found.stream().map(Finding::rule).toList());
    String message = found.get(0).message();
    assertTrue(message.contains("; a later layer deletes it, but layer 3 of 4 (sha256:"), message);
    assertTrue(message.endsWith(") still holds it."), message);
  }

  @Test
  void aPemPrivateKeyIsFoundUnderAnyNameButACertificateIsNot() throws Exception {
    assertEquals(Set.of("secret-file"), SeededImage.clean(dir.resolve("key"))
        .layer(TestTars.layer().file("app/resources/signing.txt", "Bag Attributes\n" + PEM)).rules());
    assertEquals(Set.of(), SeededImage.clean(dir.resolve("cert"))
        .layer(TestTars.layer().file("app/resources/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n")).rules());
  }
}
