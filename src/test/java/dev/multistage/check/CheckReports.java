package dev.multistage.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Check reports made by hand, so each output is tested without reading an image. */
final class CheckReports {
  static final String AMD64_DIGEST = "sha256:" + "a".repeat(64);
  static final String ARM64_DIGEST = "sha256:" + "e".repeat(64);

  private CheckReports() {}

  /** Two platforms; a failing high finding, a medium one, and a suppressed high one; one rule skipped. */
  static CheckReport mixed() {
    CheckPolicy policy = new CheckPolicy(Optional.of(Severity.HIGH), Set.of(Rule.PACKAGE_CACHE),
        Map.of(Rule.SETUID_FILE, "runs with no-new-privileges"));
    List<CheckReport.Row> rows = List.of(
        CheckReport.Row.of(new Finding(Rule.BUILD_TOOLS, "javac in /opt/java/openjdk/bin: build tools have no place "
            + "in the runtime image.", "/opt/java/openjdk/bin"), "linux/amd64", policy),
        CheckReport.Row.of(new Finding(Rule.WORLD_WRITABLE, "/srv/uploads (directory, mode 0777) is writable by any "
            + "user.", "/srv/uploads"), "linux/arm64", policy),
        CheckReport.Row.of(new Finding(Rule.SETUID_FILE, "/usr/bin/su is setuid (runs as uid 0), mode 4755.",
            "/usr/bin/su"), "linux/amd64", policy));
    return new CheckReport("example.com/shop:1.0", List.of(
        new CheckReport.Image("linux/amd64", Optional.of(AMD64_DIGEST)),
        new CheckReport.Image("linux/arm64", Optional.of(ARM64_DIGEST))), rows, policy);
  }

  /** One platform and nothing found. */
  static CheckReport clean() {
    return new CheckReport("example.com/shop:1.0", List.of(new CheckReport.Image("linux/amd64",
        Optional.of(AMD64_DIGEST))), List.of(), CheckPolicy.standard());
  }
}
