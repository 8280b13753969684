package dev.multistage.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.security.auth.module.UnixSystem;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards for tests that need root, runc or other host tools. Outside CI a missing requirement skips
 * the test with its reason; with {@code CI=true} it fails, so CI never passes by skipping.
 */
public final class Requirements {
  private Requirements() {}

  public static void assumeRootAndRunc() {
    long uid = new UnixSystem().getUid();
    if (uid != 0) {
      missing("needs root to run runc (running as uid " + uid + ")");
    }
    assumeTools("runc");
  }

  /** Every command must be an executable on PATH. */
  public static void assumeTools(String... commands) {
    List<String> absent = new ArrayList<>();
    for (String command : commands) {
      if (!onPath(command)) {
        absent.add(command);
      }
    }
    if (!absent.isEmpty()) {
      missing("needs " + String.join(", ", absent) + " on PATH");
    }
  }

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** A requirement of a JUnit test is missing: with {@code CI=true} the test fails, else it is skipped with why. */
  public static void missing(String reason) {
    Assumptions.abort(unmet(reason));
  }

  /**
   * The one rule, shared with the IT scripts (src/it/support.groovy): with {@code CI=true} a missing requirement
   * fails; otherwise the check it guards is skipped, and this returns the reason to report it with.
   */
  public static String unmet(String reason) {
    if (inCi()) {
      fail("CI=true and a test requirement is missing: " + reason);
    }
    return reason;
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, command);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return true;
        }
      }
    }
    return false;
  }
}
