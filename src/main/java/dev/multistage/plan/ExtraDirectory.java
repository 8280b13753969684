package dev.multistage.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A directory of the project copied into the image's {@code extra} layer, with the modes and owner its files and
 * directories get there (the source's own modes and owners do not count, so every machine builds the same layer).
 *
 * @param from the source directory on disk
 * @param into absolute directory in the image the source's contents go into
 * @param fileMode permission bits of every file, such as {@code 0644}
 * @param directoryMode permission bits of every directory the layer makes, such as {@code 0755}
 * @param owner who owns what the layer makes
 */
public record ExtraDirectory(Path from, String into, int fileMode, int directoryMode, Owner owner) {
  public static final int DEFAULT_FILE_MODE = 0644;
  public static final int DEFAULT_DIRECTORY_MODE = 0755;

  /** Who owns the files: root, or the image's user so the application may change them (Jib issue #3863). */
  public enum Owner {
    /** {@code 0:0}: the application can read what the modes allow, never change it. */
    ROOT,
    /** the image's {@code user} ({@code 1001:1001} by default). */
    APP
  }

  public ExtraDirectory {
    into = ContainerSettings.absolutePath(into, "extraDirectories.into");
  }

  /**
   * Reads one {@code <extraDirectory>} as a user writes it; every mistake is reported before any work.
   *
   * @param basedir the project directory {@code from} is relative to
   */
  public static ExtraDirectory parse(Path basedir, String from, String into, String fileMode, String directoryMode,
      String owner) {
    if (from == null || from.isBlank()) {
      throw new InvalidParameterException("extraDirectories.from", "an <extraDirectory> has no <from>.",
          "set <from> to a directory of the project, e.g. src/main/image.");
    }
    Path source = basedir.resolve(from.trim()).normalize();
    if (!Files.isDirectory(source)) {
      throw new InvalidParameterException("extraDirectories.from", "'" + from + "' is not a directory ("
          + source + ").", "create it, or set <from> to an existing directory relative to the project.");
    }
    return new ExtraDirectory(source, into == null || into.isBlank() ? "/" : into.trim(),
        mode(fileMode, DEFAULT_FILE_MODE, "extraDirectories.fileMode", "644 (rw-r--r--) or 640 (rw-r-----)"),
        mode(directoryMode, DEFAULT_DIRECTORY_MODE, "extraDirectories.directoryMode", "755 (rwxr-xr-x) or 750"),
        owner(owner));
  }

  /** Three octal digits, optionally after a {@code 0}: {@code 644}, {@code 0640}. */
  static int mode(String value, int fallback, String parameter, String examples) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (!value.trim().matches("0?[0-7]{3}")) {
      throw new InvalidParameterException(parameter, "'" + value + "' is not an octal permission mode.",
          "use three octal digits such as " + examples + ".");
    }
    return Integer.parseInt(value.trim(), 8);
  }

  private static Owner owner(String value) {
    String v = value == null || value.isBlank() ? "root" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "root" -> Owner.ROOT;
      case "app" -> Owner.APP;
      default -> throw new InvalidParameterException("extraDirectories.owner", "'" + value + "' is not an owner.",
          "use root (0:0, the default) or app (the image's user, so the application may change the files).");
    };
  }
}
