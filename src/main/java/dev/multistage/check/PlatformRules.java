package dev.multistage.check;

import dev.multistage.plan.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The image says which platform it is for, and it is one of the configured ones. */
final class PlatformRules implements Inspection {

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.PLATFORM_MISSING, Rule.PLATFORM_MISMATCH);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) {
    CheckedImage image = facts.image();
    Optional<String> platform = image.platform();
    if (platform.isEmpty()) {
      return List.of(Finding.config(Rule.PLATFORM_MISSING, "architecture", "The image config has no "
          + (image.config().os().isEmpty() ? "os" : "architecture") + ", so a runtime cannot tell whether it can "
          + "run it."));
    }
    String[] parts = platform.get().split("/");
    boolean configured = image.platforms().isEmpty() || image.platforms().stream()
        .anyMatch(p -> p.matches(parts[0], parts[1], parts.length > 2 ? parts[2] : null));
    if (!configured) {
      return List.of(Finding.config(Rule.PLATFORM_MISMATCH, "architecture", "The image is for " + platform.get()
          + ", not for the configured " + names(image.platforms()) + "."));
    }
    return List.of();
  }

  /** One finding per configured platform that a multi-platform image has no manifest for. */
  static List<Finding> absent(List<Platform> configured, List<Platform> present) {
    List<Finding> found = new ArrayList<>();
    for (Platform p : configured) {
      if (present.stream().noneMatch(i -> p.matches(i.os(), i.architecture(), i.variant().orElse(null)))) {
        found.add(new Finding(Rule.PLATFORM_MISMATCH, "The image has no " + p + " manifest, but " + p
            + " is configured; it has " + names(present) + ".", p.toString()));
      }
    }
    return found;
  }

  private static String names(List<Platform> platforms) {
    return platforms.stream().map(Platform::toString).collect(Collectors.joining(", "));
  }
}
