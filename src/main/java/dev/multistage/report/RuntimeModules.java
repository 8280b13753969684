package dev.multistage.report;

import dev.multistage.builder.ModuleSet;
import java.util.Optional;

/**
 * The custom Java runtime the builder stage linked: what linked it, and why each module is in it.
 *
 * @param linkedBy the JDK whose jlink made it, and whose jmods it linked
 * @param builderImage the builder image whose jmods were linked, pinned; empty when the build JDK's were
 */
public record RuntimeModules(String linkedBy, Optional<String> builderImage, ModuleSet modules) {}
