package dev.multistage.plan;

import java.util.Optional;

/** An OCI platform such as {@code linux/amd64} or {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, Optional<String> variant) {

  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", Optional.empty());

  public static Platform parse(String value, String parameter) {
    String[] parts = value.trim().split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new InvalidParameterException(parameter, "'" + value + "' is not a platform.",
          "write os/architecture[/variant], for example linux/amd64 or linux/arm64.");
    }
    if (!OPERATING_SYSTEMS.contains(parts[0])) {
      throw new InvalidParameterException(parameter, "'" + value + "' names an unknown operating system '"
          + parts[0] + "'.", "use one of " + String.join(", ", OPERATING_SYSTEMS) + " (as in linux/amd64).");
    }
    if (!ARCHITECTURES.contains(parts[1])) {
      throw new InvalidParameterException(parameter, "'" + value + "' names an unknown architecture '"
          + parts[1] + "'.", "use one of " + String.join(", ", ARCHITECTURES) + " (as in linux/amd64).");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
  }

  /** The OCI image spec's values (Go's GOOS and GOARCH), so a typo fails before any pull. */
  private static final java.util.List<String> OPERATING_SYSTEMS = java.util.List.of("linux", "windows", "freebsd",
      "darwin", "netbsd", "openbsd", "solaris", "illumos", "aix", "plan9");
  private static final java.util.List<String> ARCHITECTURES = java.util.List.of("amd64", "arm64", "arm", "386",
      "ppc64le", "ppc64", "s390x", "riscv64", "loong64", "mips64le", "mips64", "mipsle", "mips", "wasm");

  /** True when a manifest-list entry with these fields serves this platform (a missing variant matches any). */
  public boolean matches(String os, String architecture, String variant) {
    return this.os.equals(os) && this.architecture.equals(architecture)
        && (this.variant.isEmpty() || variant == null || this.variant.get().equals(variant));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
  }
}
