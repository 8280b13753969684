package dev.multistage.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which locales {@code jdk.localedata} keeps, so an app that formats for German does not ship every locale's data
 * (7 MB compressed for a JDK 17 runtime). Unless told, the locales the application names: its resource bundles'
 * suffixes ({@code messages_de.properties}) and the {@code Locale} constants its classes use. When it builds a
 * locale from a tag, or names none, all stay.
 */
final class LocaleChoice {
  private static final Pattern BUNDLE = Pattern.compile(".+?_([a-z]{2,3})(?:_[A-Z]{2})?\\.properties");
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  private LocaleChoice() {}

  /**
   * @param configured the user's {@code locales}: empty for automatic, {@code *} for all
   * @param applicationDirs the application's classes directories, whose bundles name its locales
   * @param chosenInClasses what the analysis found the application's classes choose ({@code *}: any)
   * @return the locales to keep with {@code en}, or empty to keep them all; and why
   */
  static Choice choose(List<String> configured, List<Path> applicationDirs, Collection<String> chosenInClasses) {
    if (configured.contains("*")) {
      return new Choice(Set.of(), "all locales (<locales>*</locales>)");
    }
    if (!configured.isEmpty()) {
      return new Choice(withEnglish(configured), "the locales set in <locales>");
    }
    Set<String> found = new TreeSet<>(chosenInClasses);
    for (Path dir : applicationDirs) {
      found.addAll(bundleLocales(dir));
    }
    if (found.isEmpty() || found.contains("*")) {
      return new Choice(Set.of(), found.isEmpty() ? "all locales: the application names none"
          : "all locales: the application builds locales from tags");
    }
    return new Choice(withEnglish(found), "the locales the application names (bundles, Locale constants)");
  }

  /** @param locales kept with {@code en}; empty for all */
  record Choice(Set<String> locales, String why) {}

  private static Set<String> withEnglish(Collection<String> locales) {
    Set<String> all = new TreeSet<>(locales);
    all.add("en");
    return all;
  }

  static Set<String> bundleLocales(Path dir) {
    Set<String> locales = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return locales;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.map(f -> BUNDLE.matcher(f.getFileName().toString())).filter(Matcher::matches)
          .map(m -> m.group(1)).filter(LANGUAGES::contains).forEach(locales::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return locales;
  }
}
