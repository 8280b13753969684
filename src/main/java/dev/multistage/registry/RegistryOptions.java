package dev.multistage.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How to talk to registries.
 *
 * @param allowInsecure plain HTTP and unverified TLS are allowed (HTTPS is still tried first)
 * @param credentials explicit credentials per registry host (from Maven's settings.xml); they win over the
 *     environment ({@code MULTISTAGE_REGISTRY_USERNAME}/{@code MULTISTAGE_REGISTRY_PASSWORD}) and Docker's config
 * @param environmentCredentialRegistries the registries the environment's credentials are for: the push target
 *     only, so a CI token for one registry is never sent to another (such as the one the bases come from)
 * @param info progress worth showing at the default log level
 * @param debug details for {@code -X}
 */
public record RegistryOptions(
    boolean allowInsecure, Map<String, RegistryCredential> credentials, Set<String> environmentCredentialRegistries,
    Consumer<String> info, Consumer<String> debug) {

  public RegistryOptions {
    credentials = Map.copyOf(credentials);
    environmentCredentialRegistries = Set.copyOf(environmentCredentialRegistries);
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(debug, "debug");
  }

  /** Options whose environment credentials apply to no registry until {@link #withEnvironmentCredentialsFor}. */
  public RegistryOptions(boolean allowInsecure, Map<String, RegistryCredential> credentials, Consumer<String> info,
      Consumer<String> debug) {
    this(allowInsecure, credentials, Set.of(), info, debug);
  }

  /** Secure, no explicit credentials, silent. */
  public static RegistryOptions defaults() {
    return new RegistryOptions(false, Map.of(), message -> {}, message -> {});
  }

  public RegistryOptions withAllowInsecure(boolean allow) {
    return new RegistryOptions(allow, credentials, environmentCredentialRegistries, info, debug);
  }

  public RegistryOptions withCredential(String registry, RegistryCredential credential) {
    Map<String, RegistryCredential> all = new HashMap<>(credentials);
    all.put(registry, credential);
    return new RegistryOptions(allowInsecure, all, environmentCredentialRegistries, info, debug);
  }

  /** The environment's credentials are for {@code registry} (the push target) and no other. */
  public RegistryOptions withEnvironmentCredentialsFor(String registry) {
    return new RegistryOptions(allowInsecure, credentials, Set.of(registry), info, debug);
  }

  public RegistryOptions withLogs(Consumer<String> info, Consumer<String> debug) {
    return new RegistryOptions(allowInsecure, credentials, environmentCredentialRegistries, info, debug);
  }
}
