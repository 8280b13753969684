package dev.multistage.registry;

import java.time.Duration;
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
 * @param retryBudget how long one registry operation (a manifest, a blob) may keep retrying transient failures;
 *     zero for no retries
 * @param info progress worth showing at the default log level
 * @param debug details for {@code -X}
 */
public record RegistryOptions(
    boolean allowInsecure, Map<String, RegistryCredential> credentials, Set<String> environmentCredentialRegistries,
    Duration retryBudget, Consumer<String> info, Consumer<String> debug) {

  /** {@code registryRetryBudget}'s default: long enough for a registry's bad minute, a restart, a rate limit. */
  public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(60);

  public RegistryOptions {
    credentials = Map.copyOf(credentials);
    environmentCredentialRegistries = Set.copyOf(environmentCredentialRegistries);
    Objects.requireNonNull(retryBudget, "retryBudget");
    if (retryBudget.isNegative()) {
      throw new IllegalArgumentException("negative retry budget " + retryBudget);
    }
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(debug, "debug");
  }

  /** Secure, no explicit credentials, the default retry budget, silent. */
  public static RegistryOptions defaults() {
    return new RegistryOptions(false, Map.of(), Set.of(), DEFAULT_RETRY_BUDGET, message -> {}, message -> {});
  }

  public RegistryOptions withAllowInsecure(boolean allow) {
    return new RegistryOptions(allow, credentials, environmentCredentialRegistries, retryBudget, info, debug);
  }

  public RegistryOptions withCredential(String registry, RegistryCredential credential) {
    Map<String, RegistryCredential> all = new HashMap<>(credentials);
    all.put(registry, credential);
    return new RegistryOptions(allowInsecure, all, environmentCredentialRegistries, retryBudget, info, debug);
  }

  /** The environment's credentials are for {@code registry} (the push target) and no other. */
  public RegistryOptions withEnvironmentCredentialsFor(String registry) {
    return new RegistryOptions(allowInsecure, credentials, Set.of(registry), retryBudget, info, debug);
  }

  public RegistryOptions withRetryBudget(Duration budget) {
    return new RegistryOptions(allowInsecure, credentials, environmentCredentialRegistries, budget, info, debug);
  }

  public RegistryOptions withLogs(Consumer<String> info, Consumer<String> debug) {
    return new RegistryOptions(allowInsecure, credentials, environmentCredentialRegistries, retryBudget, info, debug);
  }
}
