package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialLookupTest {
  private static final String REGISTRY = "registry.example.com:5000";
  private static final Map<String, String> ENVIRONMENT = Map.of(
      CredentialLookup.USERNAME_ENV, "ci", CredentialLookup.PASSWORD_ENV, "env-secret");

  @TempDir Path dir;

  private final List<String> log = new ArrayList<>();

  @Test
  void explicitCredentialsWinOverTheEnvironmentAndDockerConfig() throws IOException {
    CredentialLookup lookup = new CredentialLookup(Map.of(REGISTRY, new RegistryCredential("maven", "s3cret")),
        ENVIRONMENT, Set.of(REGISTRY), dockerConfig("docker", "docker-secret"), log::add);

    CredentialLookup.Login login = lookup.find(REGISTRY, "app");

    assertEquals("maven", login.credential().getUsername());
    assertEquals("s3cret", login.credential().getPassword());
    assertTrue(login.source().contains("settings.xml"), login.source());
    assertNoSecretLogged();
  }

  @Test
  void environmentWinsOverDockerConfig() throws IOException {
    CredentialLookup lookup = new CredentialLookup(Map.of(), ENVIRONMENT, Set.of(REGISTRY),
        dockerConfig("docker", "docker-secret"), log::add);

    CredentialLookup.Login login = lookup.find(REGISTRY, "app");

    assertEquals("ci", login.credential().getUsername());
    assertTrue(login.source().contains(CredentialLookup.USERNAME_ENV), login.source());
    assertNoSecretLogged();
  }

  @Test
  void dockerConfigIsUsedWhenNothingElseIsSet() throws IOException {
    CredentialLookup lookup = new CredentialLookup(Map.of(), Map.of(), Set.of(), dockerConfig("docker", "docker-secret"),
        log::add);

    CredentialLookup.Login login = lookup.find(REGISTRY, "app");

    assertEquals("docker", login.credential().getUsername());
    assertEquals("docker-secret", login.credential().getPassword());
    assertTrue(login.source().contains("Docker's config"), login.source());
    assertFalse(login.source().contains("docker-secret"));
    assertNoSecretLogged();
  }

  @Test
  void usernameAndPasswordCanComeFromFilesAsCiSecretMountsProvideThem() throws IOException {
    Path user = Files.writeString(dir.resolve("user"), "ci-bot\n");
    Path password = Files.writeString(dir.resolve("password"), "file-secret\n");
    CredentialLookup lookup = new CredentialLookup(Map.of(), Map.of(
        CredentialLookup.USERNAME_ENV + "_FILE", user.toString(),
        CredentialLookup.PASSWORD_ENV + "_FILE", password.toString()), Set.of(REGISTRY), null, log::add);

    CredentialLookup.Login login = lookup.find(REGISTRY, "app");

    assertEquals("ci-bot", login.credential().getUsername());
    assertEquals("file-secret", login.credential().getPassword(), "the file's trailing newline is not part of it");
    assertEquals("the files named by MULTISTAGE_REGISTRY_USERNAME_FILE/MULTISTAGE_REGISTRY_PASSWORD_FILE (user "
        + "ci-bot)", login.source());
    assertNoSecretLogged();
  }

  @Test
  void anIdentityTokenFromAFileIsSentAsDockersIdentityTokenIs() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "token-secret\n");
    CredentialLookup lookup = new CredentialLookup(Map.of(), Map.of(CredentialLookup.TOKEN_ENV + "_FILE",
        token.toString()), Set.of(REGISTRY), null, log::add);

    CredentialLookup.Login login = lookup.find(REGISTRY, "app");

    assertTrue(login.credential().isOAuth2RefreshToken(), "username <token>, as jib reads config.json's identitytoken");
    assertEquals("token-secret", login.credential().getPassword());
    assertEquals("the identity token in the file named by MULTISTAGE_REGISTRY_TOKEN_FILE", login.source());
    assertEquals(CredentialLookup.Origin.ENVIRONMENT, login.origin());
    assertNoSecretLogged();
  }

  @Test
  void aUsernameAndPasswordWinOverAnIdentityTokenAndNeitherGoesToAnotherRegistry() {
    Map<String, String> both = Map.of(CredentialLookup.USERNAME_ENV, "ci", CredentialLookup.PASSWORD_ENV,
        "env-secret", CredentialLookup.TOKEN_ENV, "token-secret");

    CredentialLookup.Login target = new CredentialLookup(Map.of(), both, Set.of(REGISTRY), null, log::add)
        .find(REGISTRY, "app");
    CredentialLookup.Login other = new CredentialLookup(Map.of(), Map.of(CredentialLookup.TOKEN_ENV, "token-secret"),
        Set.of(REGISTRY), dir.resolve("missing.json"), log::add).find("other.example.com", "app");

    assertEquals("ci", target.credential().getUsername());
    assertTrue(other.isAnonymous(), other.source());
  }

  @Test
  void anUnreadablePasswordFileNamesTheVariable() {
    CredentialLookup lookup = new CredentialLookup(Map.of(), Map.of(CredentialLookup.USERNAME_ENV, "ci",
        CredentialLookup.PASSWORD_ENV + "_FILE", dir.resolve("missing").toString()), Set.of(REGISTRY), null,
        log::add);

    dev.multistage.plan.InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.multistage.plan.InvalidParameterException.class, () -> lookup.find(REGISTRY, "app"));
    assertTrue(e.getMessage().startsWith("<" + CredentialLookup.PASSWORD_ENV + "_FILE>"), e.getMessage());
  }

  @Test
  void dockerConfigEnvironmentVariableNamesTheDirectoryOfConfigJsonAsDockerReadsIt() throws IOException {
    Path config = dockerConfig("ci-bot", "docker-secret");
    CredentialLookup lookup = new CredentialLookup(Map.of(), Map.of("DOCKER_CONFIG", config.getParent().toString()),
        Set.of(), null, log::add);

    CredentialLookup.Login login = lookup.find(REGISTRY, "app");

    assertEquals("ci-bot", login.credential().getUsername());
    assertTrue(login.source().contains(config.toString()), login.source());
    assertNoSecretLogged();
  }

  @Test
  void anonymousWhenNoSourceHasCredentials() {
    CredentialLookup lookup = new CredentialLookup(Map.of(), Map.of(), Set.of(), dir.resolve("missing.json"), log::add);

    CredentialLookup.Login login = lookup.find(REGISTRY, "app");

    assertTrue(login.isAnonymous());
    assertTrue(login.source().contains("anonymous"));
  }

  @Test
  void explicitDockerHubCredentialsApplyToEveryDockerHubAlias() {
    CredentialLookup lookup = new CredentialLookup(Map.of("docker.io", new RegistryCredential("hub", "pw")),
        Map.of(), Set.of(), dir.resolve("missing.json"), log::add);

    assertEquals("hub", lookup.find("registry-1.docker.io", "library/alpine").credential().getUsername());
  }

  @Test
  void environmentCredentialsAreSentOnlyToThePushTarget() throws IOException {
    CredentialLookup lookup = new CredentialLookup(Map.of(), ENVIRONMENT, Set.of("ghcr.io"),
        dockerConfig("docker", "docker-secret"), log::add);

    CredentialLookup.Login base = lookup.find(REGISTRY, "base");
    CredentialLookup.Login target = lookup.find("ghcr.io", "acme/app");

    assertEquals("docker", base.credential().getUsername(), "the base registry falls through to Docker's config");
    assertEquals("ci", target.credential().getUsername());
    assertTrue(log.stream().anyMatch(l -> l.contains("push target")), log::toString);
    assertNoSecretLogged();
  }

  @Test
  void credentialToStringNeverShowsThePassword() {
    String text = new RegistryCredential("maven", "s3cret").toString();

    assertTrue(text.contains("maven"));
    assertFalse(text.contains("s3cret"));
  }

  private Path dockerConfig(String user, String password) throws IOException {
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"" + auth + "\"}}}");
    return file;
  }

  private void assertNoSecretLogged() {
    for (String line : log) {
      assertFalse(line.contains("secret"), line);
    }
  }
}
