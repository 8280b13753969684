package dev.multistage.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites {@code <runtimeImage>}/{@code <builderImage>} values of a pom in place: only the value text between the
 * tags changes, every other byte stays, and the file is replaced in one move (never left half-written).
 */
final class PomPins {
  private PomPins() {}

  /**
   * Replaces {@code <element>old</element>} (whitespace around the value kept) with {@code replacement}.
   *
   * @return how many values were replaced (0 when the pom does not spell {@code old} literally, e.g. a property)
   */
  static int rewrite(Path pom, String element, String old, String replacement) throws IOException {
    String text = new String(Files.readAllBytes(pom), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("(<" + element + ">\\s*)" + Pattern.quote(old) + "(\\s*</" + element + ">)")
        .matcher(text);
    StringBuilder out = new StringBuilder();
    int count = 0;
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + replacement + m.group(2)));
      count++;
    }
    if (count == 0) {
      return 0;
    }
    m.appendTail(out);
    Path tmp = Files.createTempFile(pom.toAbsolutePath().getParent(), ".pom-pin-", ".xml");
    try {
      Files.write(tmp, out.toString().getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, pom, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return count;
  }
}
