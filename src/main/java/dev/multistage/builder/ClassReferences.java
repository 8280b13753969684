package dev.multistage.builder;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one class file refers to, read from its constant pool as jdeps does: the packages of every class it names
 * (class entries, descriptors, signatures, annotation types), class names it holds as strings (reflection),
 * a few members whose use needs a module no class reference shows, and a module-info's {@code requires}.
 *
 * @param packages referenced packages, dotted ({@code java.sql})
 * @param namedClasses string constants that look like class names ({@code com.sun.management.OperatingSystemMXBean})
 * @param strings other short string constants, for the charset rule
 * @param members referenced members, as {@code owner.name} with a dotted owner, only those {@link #WATCHED}
 * @param requires modules a module-info requires (not {@code requires static})
 */
public record ClassReferences(Set<String> packages, Set<String> namedClasses, Set<String> strings,
    Set<String> members, Set<String> requires) {

  /** The language each watched {@code Locale} constant stands for; the other watched members build any locale. */
  static final Map<String, String> LOCALE_TAGS = Map.ofEntries(
      Map.entry("java.util.Locale.GERMAN", "de"), Map.entry("java.util.Locale.GERMANY", "de"),
      Map.entry("java.util.Locale.FRENCH", "fr"), Map.entry("java.util.Locale.FRANCE", "fr"),
      Map.entry("java.util.Locale.CANADA_FRENCH", "fr"),
      Map.entry("java.util.Locale.ITALIAN", "it"), Map.entry("java.util.Locale.ITALY", "it"),
      Map.entry("java.util.Locale.JAPANESE", "ja"), Map.entry("java.util.Locale.JAPAN", "ja"),
      Map.entry("java.util.Locale.KOREAN", "ko"), Map.entry("java.util.Locale.KOREA", "ko"),
      Map.entry("java.util.Locale.CHINESE", "zh"), Map.entry("java.util.Locale.CHINA", "zh"),
      Map.entry("java.util.Locale.SIMPLIFIED_CHINESE", "zh"),
      Map.entry("java.util.Locale.TRADITIONAL_CHINESE", "zh"), Map.entry("java.util.Locale.PRC", "zh"),
      Map.entry("java.util.Locale.TAIWAN", "zh"));

  /** Members whose use loads a module by service lookup, not by a class reference. */
  static final Set<String> WATCHED = watched();

  private static Set<String> watched() {
    Set<String> watched = new HashSet<>(LOCALE_TAGS.keySet());
    watched.addAll(Set.of("java.nio.file.FileSystems.newFileSystem", "java.nio.file.FileSystems.getFileSystem",
        "java.util.Locale.forLanguageTag", "java.util.Locale.of", "java.util.Locale.<init>"));
    return Set.copyOf(watched);
  }

  /** Reads a class file; throws {@link IOException} when it is not one. */
  public static ClassReferences read(byte[] bytes) throws IOException {
    try {
      return new ClassFileReader(bytes).references();
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IOException("truncated or malformed class file", e);
    }
  }
}
