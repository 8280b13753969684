package dev.multistage.check;

import dev.multistage.image.ImageConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The container's command read as a Java launch: the entrypoint and CMD (a {@code sh -c} string split on spaces),
 * after the JVM options the JVM also takes from {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} (and the
 * {@code JAVA_OPTS} that start scripts pass on).
 *
 * @param words every option and argument, the environment's options first
 */
record JavaCommand(List<String> words) {
  private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS");
  private static final List<String> CLASS_PATH = List.of("-cp", "-classpath", "--class-path");

  static JavaCommand of(ImageConfig config) {
    List<String> words = new ArrayList<>();
    for (String variable : OPTION_VARIABLES) {
      String value = config.env().get(variable);
      if (value != null) {
        words.addAll(split(value));
      }
    }
    List<String> command = new ArrayList<>(config.entrypoint());
    command.addAll(config.cmd());
    if (command.size() >= 3 && command.get(0).endsWith("sh") && command.get(1).equals("-c")) {
      words.addAll(split(String.join(" ", command.subList(2, command.size()))));
    } else {
      words.addAll(command);
    }
    return new JavaCommand(List.copyOf(words));
  }

  /** Every class path entry and the {@code -jar} file, a trailing {@code /*} (a directory of jars) removed. */
  List<String> classPath() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i + 1 < words.size(); i++) {
      if (CLASS_PATH.contains(words.get(i))) {
        Arrays.stream(words.get(i + 1).split(":")).filter(s -> !s.isEmpty())
            .map(s -> s.endsWith("/*") ? s.substring(0, s.length() - 2) : s).forEach(entries::add);
      } else if (words.get(i).equals("-jar")) {
        entries.add(words.get(i + 1));
      }
    }
    return entries;
  }

  /** The value of the last word that starts with {@code prefix} ({@code -XX:HeapDumpPath=}): the JVM takes the last. */
  Optional<String> value(String prefix) {
    Optional<String> value = Optional.empty();
    for (String w : words) {
      if (w.startsWith(prefix)) {
        value = Optional.of(w.substring(prefix.length()));
      }
    }
    return value;
  }

  /** Every word that starts with {@code prefix}, whole. */
  List<String> startingWith(String prefix) {
    return words.stream().filter(w -> w.startsWith(prefix)).toList();
  }

  boolean has(String word) {
    return words.contains(word);
  }

  private static List<String> split(String value) {
    return Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
