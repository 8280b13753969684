package dev.multistage.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JDK on this machine that can link runtimes: its home, Java version, and whether it ships jmods (otherwise it
 * links from its own run-time image, which JDK 24+ builds such as Temurin's support).
 */
public record Jdk(Path home, String version, int feature, String os, String arch, Libc libc) {

  /** The JDK at {@code home}, if it is one (has a {@code release} file and {@code bin/jlink}). */
  public static Optional<Jdk> at(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/jlink"))) {
      return Optional.empty();
    }
    Map<String, String> props = release(release);
    String version = props.getOrDefault("JAVA_VERSION", "");
    if (version.isEmpty()) {
      return Optional.empty();
    }
    String os = props.getOrDefault("OS_NAME", "linux").toLowerCase(java.util.Locale.ROOT);
    String arch = arch(props.getOrDefault("OS_ARCH", "x86_64"));
    Libc libc = "musl".equalsIgnoreCase(props.get("LIBC")) ? Libc.MUSL : Libc.ofHost();
    return Optional.of(new Jdk(home, version, feature(version), os, arch, libc));
  }

  /** The OCI name of a Java {@code os.arch} or release {@code OS_ARCH}: {@code amd64}, {@code arm64}, else as is. */
  public static String arch(String javaArch) {
    return switch (javaArch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> javaArch;
    };
  }

  /** Reads a JDK {@code release} file ({@code KEY="value"} lines). */
  public static Map<String, String> release(Path releaseFile) {
    try {
      return parseRelease(Files.readString(releaseFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, String> parseRelease(String text) {
    Map<String, String> props = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        props.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replaceAll("^\"|\"$", ""));
      }
    }
    return props;
  }

  /** {@code 17} of {@code 17.0.15}, {@code 8} of {@code 1.8.0_412}. */
  public static int feature(String version) {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
  }

  public Optional<Path> jmods() {
    Path jmods = home.resolve("jmods");
    return Files.isRegularFile(jmods.resolve("java.base.jmod")) ? Optional.of(jmods) : Optional.empty();
  }

  /**
   * Why this JDK cannot link at all, or empty when it can: it needs its own jmods, or — JDK 24 and later only
   * (JEP 493) — a run-time image built to link from ({@code --enable-linkable-runtime}, as Temurin's are).
   */
  public Optional<String> whyCannotLink() {
    if (jmods().isPresent() || feature >= 24) {
      return Optional.empty();
    }
    return Optional.of(this + " has no jmods, and a JDK before 24 links only from jmods (on Debian/Ubuntu: "
        + "apt-get install openjdk-" + feature + "-jmods)");
  }

  public Path tool(String name) {
    return home.resolve("bin").resolve(name);
  }

  /** The JDK running this build. */
  public static Optional<Jdk> current() {
    return at(Path.of(System.getProperty("java.home")));
  }

  @Override
  public String toString() {
    return "JDK " + version + " at " + home;
  }
}
