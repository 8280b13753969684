package dev.multistage.plan;

import java.util.Optional;

/**
 * The places a project may name the class the image runs, each absent when it does not.
 *
 * @param configured the plugin's {@code mainClass} parameter
 * @param jarManifest maven-jar-plugin's {@code archive/manifest/mainClass}, as written in the pom
 * @param startClass the {@code start-class} property Spring Boot's parent sets
 * @param springBootPlugin spring-boot-maven-plugin's {@code mainClass}, as written in the pom
 * @param quarkusFastJar the project built a Quarkus fast-jar, which only Quarkus' runner starts
 */
public record MainClassSources(
    Optional<String> configured,
    Optional<String> jarManifest,
    Optional<String> startClass,
    Optional<String> springBootPlugin,
    boolean quarkusFastJar) {

  /** The first that names one, in the order of the components; empty when the compiled classes must be searched. */
  public Optional<String> declared() {
    return configured.filter(c -> !c.isBlank()).map(String::trim)
        .or(() -> quarkusFastJar ? Optional.of(QuarkusFastJar.MAIN_CLASS) : Optional.empty())
        .or(() -> pluginValue(jarManifest))
        .or(() -> startClass)
        .or(() -> pluginValue(springBootPlugin));
  }

  // an expression left unresolved in the pom, such as ${start-class}, names no class
  private static Optional<String> pluginValue(Optional<String> value) {
    return value.filter(v -> !v.isBlank() && !v.contains("${")).map(String::trim);
  }
}
