package dev.multistage.plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the image gets its Java runtime.
 *
 * @param jlink whether to link a custom runtime
 * @param javaFeature the application's Java feature version (17, 21, …)
 * @param addModules modules to link besides those found
 * @param modules the runtime's whole module list when the user sets it: no analysis, no framework rules
 * @param locales the locales {@code jdk.localedata} keeps when it is linked: empty for those the application names,
 *     {@code *} for all
 * @param analysisPaths what the module analysis reads: classes directories and jars
 * @param artifactIds the runtime dependencies as {@code groupId:artifactId}, for modules frameworks load
 *     reflectively
 * @param localJdks JDK homes on this machine that may link (the build JDK, a toolchain's)
 * @param fallbackRuntimeBase the JRE base used when jlink is {@link Jlink#AUTO} and linking is impossible
 * @param fromBuilderImageOnly link only from the builder image's jmods, never the build JDK, so every machine links
 *     the same runtime
 * @param runtimeCheck after linking, start the app briefly on the runtime to catch a module it loads reflectively
 */
public record RuntimePlan(
    Jlink jlink,
    int javaFeature,
    List<String> addModules,
    List<String> modules,
    List<String> locales,
    List<Path> analysisPaths,
    Set<String> artifactIds,
    List<Path> localJdks,
    Optional<BaseSource> fallbackRuntimeBase,
    boolean fromBuilderImageOnly,
    boolean runtimeCheck) {

  /** {@code AUTO} is jlink left at its default: when linking is impossible the build warns and uses a JRE base. */
  public enum Jlink { AUTO, ON, OFF }

  public RuntimePlan {
    addModules = List.copyOf(addModules);
    modules = List.copyOf(modules);
    locales = List.copyOf(locales);
    for (String tag : locales) {
      if (!tag.equals("*") && !tag.matches("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")) {
        throw new InvalidParameterException("locales", "'" + tag + "' is not a language tag.",
            "list language tags such as de,fr,pt-BR, or * for all locales.");
      }
    }
    analysisPaths = List.copyOf(analysisPaths);
    artifactIds = Collections.unmodifiableSortedSet(new TreeSet<>(artifactIds)); // sorted: the plan prints the same every build
    localJdks = List.copyOf(localJdks);
  }

  /** A plan that uses the runtime base's own JRE. */
  public static RuntimePlan jreFromBase(int javaFeature) {
    return new RuntimePlan(Jlink.OFF, javaFeature, List.of(), List.of(), List.of(), List.of(), Set.of(), List.of(),
        Optional.empty(),
        false, false);
  }

  /**
   * {@code jlinkFrom}: {@code auto} (the build JDK when it matches, else the builder image) or {@code builderImage};
   * true for the latter.
   */
  public static boolean fromBuilderImageOnly(String jlinkFrom) {
    String from = jlinkFrom.trim();
    if (!from.equals("auto") && !from.equals("builderImage")) {
      throw new InvalidParameterException("jlinkFrom", "'" + jlinkFrom + "' is not a source of jmods.",
          "use auto (the build JDK when it matches, else the builder image) or builderImage.");
    }
    return from.equals("builderImage");
  }

  public boolean linking() {
    return jlink != Jlink.OFF;
  }
}
