package dev.multistage.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * How old the configured pins are, from the dates the preset file records (no network): a pin older than
 * {@code pinMaxAgeDays} may lack security fixes its tag has since received.
 */
public final class PinAge {
  private PinAge() {}

  /**
   * The warning for the pins among {@code references} that are older than {@code maxAgeDays} on {@code today}, or
   * empty when none is (or {@code maxAgeDays} is 0). A reference the preset file does not record has no known age.
   */
  public static Optional<String> staleWarning(Presets presets, List<String> references, LocalDate today,
      int maxAgeDays) {
    if (maxAgeDays < 0) {
      throw new InvalidParameterException("pinMaxAgeDays", "'" + maxAgeDays + "' is negative.",
          "give a number of days, or 0 to turn the check off.");
    }
    if (maxAgeDays == 0) {
      return Optional.empty();
    }
    List<String> stale = new ArrayList<>();
    for (String reference : new LinkedHashSet<>(references)) {
      presets.pin(reference).filter(p -> p.ageDays(today) > maxAgeDays).ifPresent(p -> stale.add(
          p.reference() + " is " + p.ageDays(today) + " days old (" + p.source() + ", " + p.date() + ")"));
    }
    if (stale.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Pinned base" + (stale.size() == 1 ? " " : "s ") + String.join("; ", stale)
        + ", older than pinMaxAgeDays=" + maxAgeDays + ": its tag may have newer builds with security fixes. "
        + "Run mvn multistage:pin to see the current digests (-Dmultistage.pin.write=true writes them into the pom), "
        + "or update the plugin for refreshed presets; <pinMaxAgeDays>0</pinMaxAgeDays> turns this check off.");
  }
}
