package dev.multistage.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import dev.multistage.plan.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the credential for a registry, in this order: explicit ({@code settings.xml}), the environment
 * ({@value #USERNAME_ENV}/{@value #PASSWORD_ENV}, else the identity token {@value #TOKEN_ENV}, each also from a
 * {@code _FILE}; for the push target only), Docker's config.json and its credential helpers, anonymous.
 */
final class CredentialLookup {
  static final String USERNAME_ENV = "MULTISTAGE_REGISTRY_USERNAME";
  static final String PASSWORD_ENV = "MULTISTAGE_REGISTRY_PASSWORD";
  /** A Docker identity token (OAuth2 refresh token), used when no username and password are set. */
  static final String TOKEN_ENV = "MULTISTAGE_REGISTRY_TOKEN";
  private static final Set<String> DOCKER_HUB =
      Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

  /** Where a credential came from, so a refusal's fix names what to check there. */
  enum Origin { SETTINGS, ENVIRONMENT, DOCKER_CONFIG, ANONYMOUS }

  /** A credential and where it came from (for messages); anonymous has no credential. */
  record Login(Credential credential, String source, Origin origin) {
    static Login anonymous() {
      return new Login(null, "anonymous access (no credentials found)", Origin.ANONYMOUS);
    }

    boolean isAnonymous() {
      return credential == null;
    }
  }

  private final Map<String, RegistryCredential> explicit;
  private final Map<String, String> environment;
  private final Set<String> environmentRegistries;
  /** Docker's variable for the directory of its config.json. */
  static final String DOCKER_CONFIG_ENV = "DOCKER_CONFIG";

  private final Path dockerConfig; // null: $DOCKER_CONFIG, else Docker's default locations
  private final Consumer<String> debug;

  CredentialLookup(RegistryOptions options) {
    this(options.credentials(), System.getenv(), options.environmentCredentialRegistries(), null, options.debug());
  }

  /**
   * @param environmentRegistries the registries the environment's credentials are meant for (the push target)
   * @param dockerConfig a Docker config.json; null for Docker's default locations and credential helpers
   */
  CredentialLookup(Map<String, RegistryCredential> explicit, Map<String, String> environment,
      Set<String> environmentRegistries, Path dockerConfig, Consumer<String> debug) {
    this.explicit = explicit;
    this.environment = environment;
    this.environmentRegistries = environmentRegistries;
    this.dockerConfig = dockerConfig;
    this.debug = debug;
  }

  Login find(String registry, String repository) {
    for (String host : aliases(registry)) {
      RegistryCredential c = explicit.get(host);
      if (c != null) {
        return found(new Login(Credential.from(c.username(), c.password()),
            "the explicit credentials for " + host + " (settings.xml server)", Origin.SETTINGS), registry);
      }
    }
    Optional<Login> environmental = fromEnvironment();
    boolean forThisRegistry = aliases(registry).stream().anyMatch(environmentRegistries::contains);
    if (environmental.isPresent() && !forThisRegistry) {
      debug.accept(USERNAME_ENV + "/" + PASSWORD_ENV + " (and " + TOKEN_ENV + ") are for the push target "
          + environmentRegistries + " only, so they are not sent to " + registry + ".");
    } else if (environmental.isPresent()) {
      return found(environmental.get(), registry);
    }
    Optional<Login> docker = fromDockerConfig(registry, repository);
    if (docker.isPresent()) {
      return found(docker.get(), registry);
    }
    debug.accept("No credentials for " + registry + "; using anonymous access.");
    return Login.anonymous();
  }

  /**
   * The environment's login: a username and password ({@value #USERNAME_ENV}/{@value #PASSWORD_ENV}), else an
   * identity token ({@value #TOKEN_ENV}), each also from the file its {@code _FILE} variable names.
   */
  private Optional<Login> fromEnvironment() {
    Value user = fromEnvironment(USERNAME_ENV);
    Value password = fromEnvironment(PASSWORD_ENV);
    if (user != null && !user.value.isEmpty() && password != null) {
      String source = user.fromFile && password.fromFile
          ? "the files named by " + USERNAME_ENV + "_FILE/" + PASSWORD_ENV + "_FILE"
          : !user.fromFile && !password.fromFile ? "the environment variables " + USERNAME_ENV + "/" + PASSWORD_ENV
          : user.describe() + " and " + password.describe();
      return Optional.of(new Login(Credential.from(user.value, password.value), source + " (user " + user.value
          + ")", Origin.ENVIRONMENT));
    }
    Value token = fromEnvironment(TOKEN_ENV);
    if (token != null && !token.value.isEmpty()) {
      // Docker's identity token: jib trades it for a bearer token at the registry's token service (OAuth2)
      return Optional.of(new Login(Credential.from(Credential.OAUTH2_TOKEN_USER_NAME, token.value),
          "the identity token in " + token.describe(), Origin.ENVIRONMENT));
    }
    return Optional.empty();
  }

  /** A value from the environment, and whether it was read from the file {@code NAME_FILE} names. */
  private record Value(String name, String value, boolean fromFile) {
    String describe() {
      return fromFile ? "the file named by " + name + "_FILE" : name;
    }
  }

  /**
   * {@code NAME}, or the contents of the file {@code NAME_FILE} names (as CI secret mounts provide, so the secret is
   * in no environment variable another plugin could print); the variable wins when both are set. Null when neither.
   */
  private Value fromEnvironment(String name) {
    String value = environment.get(name);
    String file = environment.get(name + "_FILE");
    if (value != null || file == null || file.isBlank()) {
      return value == null ? null : new Value(name, value, false);
    }
    try {
      return new Value(name, Files.readString(Path.of(file)).strip(), true);
    } catch (IOException e) {
      throw new InvalidParameterException(name + "_FILE", "the file " + file + " cannot be read (" + e.getClass()
          .getSimpleName() + ").", "point " + name + "_FILE at a readable file holding only the value.");
    }
  }

  private Login found(Login login, String registry) {
    debug.accept("Credentials for " + registry + " come from " + login.source() + ".");
    return login;
  }

  /**
   * The config.json to read: the one given, else {@code $DOCKER_CONFIG/config.json} as Docker reads it (the variable
   * names a directory and replaces {@code ~/.docker}), else null for Docker's default location.
   */
  private Path dockerConfigFile() {
    if (dockerConfig != null) {
      return dockerConfig;
    }
    String directory = environment.get(DOCKER_CONFIG_ENV);
    return directory == null || directory.isBlank() ? null : Path.of(directory).resolve("config.json");
  }

  private Optional<Login> fromDockerConfig(String registry, String repository) {
    Consumer<LogEvent> log = e -> debug.accept("credential lookup: " + e.getMessage());
    CredentialRetrieverFactory factory =
        CredentialRetrieverFactory.forImage(ImageReference.of(registry, repository, null), log);
    Path config = dockerConfigFile();
    String where = config == null ? "Docker's config.json (~/.docker/config.json)" : "Docker's config " + config;
    List<CredentialRetriever> retrievers = config == null
        ? List.of(factory.dockerConfig(), factory.wellKnownCredentialHelpers())
        : List.of(factory.dockerConfig(config));
    for (CredentialRetriever retriever : retrievers) {
      try {
        Optional<Credential> credential = retriever.retrieve();
        if (credential.isPresent()) {
          return Optional.of(new Login(credential.get(),
              where + " or its credential helper (user " + credential.get().getUsername() + ")",
              Origin.DOCKER_CONFIG));
        }
      } catch (CredentialRetrievalException e) {
        debug.accept("Docker credential lookup for " + registry + " failed: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static List<String> aliases(String registry) {
    if (DOCKER_HUB.contains(registry)) {
      return List.of(registry, "docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");
    }
    return List.of(registry);
  }
}
