package dev.multistage.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the container runs, beyond the Java command: what the user adds to the image config and the files they add.
 *
 * @param environment variables set over the base's {@code Env} (after {@code JAVA_HOME} and {@code PATH}), sorted
 * @param volumes absolute paths declared as the config's {@code Volumes}
 * @param labels the user's labels, put over the automatic OCI labels (the user's win)
 * @param entrypoint the whole entrypoint; empty for the generated {@code java … mainClass} command
 * @param workingDir the config's {@code WorkingDir}, a directory the image's user owns
 * @param extraDirectories project directories copied into the {@code extra} layer
 */
public record ContainerSettings(
    Map<String, String> environment,
    List<String> volumes,
    Map<String, String> labels,
    List<String> entrypoint,
    String workingDir,
    List<ExtraDirectory> extraDirectories) {

  /** Where the application's jars and classes go, and the default working directory. */
  public static final String APP_ROOT = "/app";

  public ContainerSettings {
    environment = sorted(environment, "environment");
    volumes = volumes.stream().map(v -> absolutePath(v, "volumes")).distinct().sorted().toList();
    labels = sorted(labels, "labels");
    entrypoint = List.copyOf(entrypoint);
    if (entrypoint.stream().anyMatch(String::isBlank)) {
      throw new InvalidParameterException("entrypoint", "an entry is empty: " + entrypoint + ".",
          "list the command and its arguments, one non-empty entry each.");
    }
    workingDir = absolutePath(workingDir, "workingDirectory");
    extraDirectories = List.copyOf(extraDirectories);
  }

  /** Nothing added: the generated entrypoint, working directory {@value #APP_ROOT}. */
  public static ContainerSettings defaults() {
    return new ContainerSettings(Map.of(), List.of(), Map.of(), List.of(), APP_ROOT, List.of());
  }

  /**
   * A map property as a user writes it on the command line: {@code NAME=value,OTHER=value} (a value cannot hold a
   * comma; set such a value in the pom).
   */
  public static Map<String, String> parsePairs(String value, String parameter) {
    Map<String, String> pairs = new java.util.LinkedHashMap<>();
    if (value == null) {
      return pairs;
    }
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidParameterException(parameter, "'" + pair.trim() + "' in -Dmultistage." + parameter
            + " is not NAME=value.", "write -Dmultistage." + parameter + "=NAME=value,OTHER=value.");
      }
      pairs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }
    return pairs;
  }

  /** {@code /data/}, {@code /data/./x/..} become {@code /data}; a relative path is the user's mistake. */
  static String absolutePath(String path, String parameter) {
    String p = path == null ? "" : path.trim();
    if (!p.startsWith("/")) {
      throw new InvalidParameterException(parameter, "'" + p + "' is not an absolute path in the image.",
          "start it with /, e.g. /data.");
    }
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (String part : p.split("/")) {
      if (part.equals("..")) {
        parts.pollLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static Map<String, String> sorted(Map<String, String> map, String parameter) {
    TreeMap<String, String> out = new TreeMap<>();
    map.forEach((k, v) -> {
      if (k == null || k.isBlank() || k.trim().matches(".*[=\\s].*")) {
        throw new InvalidParameterException(parameter, "'" + k + "' is not a valid name.",
            "use a name without '=' or spaces, e.g. APP_MODE.");
      }
      out.put(k.trim(), v == null ? "" : v);
    });
    return Collections.unmodifiableMap(out);
  }
}
