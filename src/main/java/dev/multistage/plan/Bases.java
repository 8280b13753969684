package dev.multistage.plan;

import java.util.Optional;

/**
 * Where the build's images come from.
 *
 * @param runtimeBase the runtime stage's base
 * @param builderBase the builder stage's JDK image, when known
 * @param requirePinnedBases a registry base without a digest is an error that prints the pinned reference
 * @param allowInsecureRegistries plain HTTP and unverified TLS to registries are allowed
 * @param pulls where registry bases are pulled from: mirrors, or offline the cache alone
 */
public record Bases(BaseSource runtimeBase, Optional<BaseSource> builderBase, boolean requirePinnedBases,
    boolean allowInsecureRegistries, PullPlan pulls) {}
