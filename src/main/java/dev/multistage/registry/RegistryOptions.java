package dev.multistage.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to talk to registries.
 *
 * @param allowInsecure plain HTTP and unverified TLS are allowed (HTTPS is still tried first)
 * @param credentials explicit credentials per registry host (from Maven's settings.xml); they win over the
 *     environment ({@code MULTISTAGE_REGISTRY_USERNAME}/{@code MULTISTAGE_REGISTRY_PASSWORD}) and Docker's config
 * @param info progress worth showing at the default log level
 * @param debug details for {@code -X}
 */
public record RegistryOptions(
    boolean allowInsecure, Map<String, RegistryCredential> credentials, Consumer<String> info,
    Consumer<String> debug) {

  public RegistryOptions {
    credentials = Map.copyOf(credentials);
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(debug, "debug");
  }

  /** Secure, no explicit credentials, silent. */
  public static RegistryOptions defaults() {
    return new RegistryOptions(false, Map.of(), message -> {}, message -> {});
  }

  public RegistryOptions withAllowInsecure(boolean allow) {
    return new RegistryOptions(allow, credentials, info, debug);
  }

  public RegistryOptions withCredential(String registry, RegistryCredential credential) {
    Map<String, RegistryCredential> all = new HashMap<>(credentials);
    all.put(registry, credential);
    return new RegistryOptions(allowInsecure, all, info, debug);
  }

  public RegistryOptions withLogs(Consumer<String> info, Consumer<String> debug) {
    return new RegistryOptions(allowInsecure, credentials, info, debug);
  }
}
