package dev.multistage.builder;

import dev.multistage.builder.LinkedRuntimeCheck.MissingModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an app printed while it started, kept in bounded memory (its last lines and every line that may name a
 * missing class or module), and the JDK modules those lines show it lacked.
 */
final class StartUpOutput {
  private static final int TAIL_LINES = 200;
  private static final int MAX_MATCHING_LINES = 100;
  private static final int MAX_LINE_CHARS = 2000;
  // "Could not initialize class X" does not match (X was found; its static initializer failed)
  private static final Pattern MISSING_CLASS = Pattern.compile("(?:NoClassDefFoundError|ClassNotFoundException"
      + "|TypeNotPresentException)[:\\s]+(?:Type )?L?([A-Za-z_$][\\w$]*(?:[./][A-Za-z_$][\\w$]*)+)");
  // a JVM option naming an absent module: --add-modules fails the boot layer, --add-opens only warns
  private static final Pattern MISSING_MODULE =
      Pattern.compile("(?:FindException: Module |Unknown module: )((?:java|jdk)\\.[\\w.]*\\w)");

  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private final List<String> matching = new ArrayList<>();

  /** Reads {@code in} to its end, a line at a time; over-long lines are cut. */
  void read(InputStream in) {
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            add(line.toString().stripTrailing());
            line.setLength(0);
          } else if (line.length() < MAX_LINE_CHARS) {
            line.append(buffer[i]);
          }
        }
      }
      if (!line.isEmpty()) {
        add(line.toString().stripTrailing());
      }
    } catch (IOException e) {
      // the pipe closed under us when the process was stopped: what was read is enough
    }
  }

  synchronized void add(String line) {
    if (tail.size() == TAIL_LINES) {
      tail.removeFirst();
    }
    tail.addLast(line);
    if (matching.size() < MAX_MATCHING_LINES
        && (MISSING_CLASS.matcher(line).find() || MISSING_MODULE.matcher(line).find())) {
      matching.add(line);
    }
  }

  synchronized List<String> tail() {
    return List.copyOf(tail);
  }

  /** The JDK modules not in {@code linked} that the output shows the app asking for, in the order seen. */
  synchronized List<MissingModule> missingModules(Set<String> linked,
      Function<String, Optional<String>> moduleOfPackage) {
    Set<MissingModule> found = new LinkedHashSet<>();
    for (String line : matching) {
      for (Matcher m = MISSING_CLASS.matcher(line); m.find(); ) {
        String className = m.group(1).replace('/', '.');
        moduleOfPackage.apply(className.substring(0, className.lastIndexOf('.')))
            .filter(module -> !linked.contains(module))
            .ifPresent(module -> found.add(new MissingModule(module, className)));
      }
      for (Matcher m = MISSING_MODULE.matcher(line); m.find(); ) {
        if (!linked.contains(m.group(1))) {
          found.add(new MissingModule(m.group(1), "module " + m.group(1)));
        }
      }
    }
    return List.copyOf(found);
  }
}
