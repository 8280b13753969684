package dev.multistage.engine;

import dev.multistage.plan.BaseSource;
import dev.multistage.plan.Platform;
import dev.multistage.plan.Presets;
import dev.multistage.registry.RegistryImages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code pin} goal's work: resolves each configured registry base's tag to the digest it points to now, with the
 * platforms it offers, and for a base pinned already says whether the tag has moved, how old the pin is and what
 * the new digest is.
 */
public final class BasePins {
  private final RegistryImages registry;
  private final Presets presets;
  private final Instant now;

  public BasePins(RegistryImages registry, Presets presets, Instant now) {
    this.registry = registry;
    this.presets = presets;
    this.now = now;
  }

  /** A base as configured: the parameter that names it and its reference. */
  public record Configured(String parameter, BaseSource.Registry reference) {}

  /**
   * One base resolved.
   *
   * @param pinned {@code tag@sha256:<index digest>}, the reference to configure
   * @param platforms what the tag's index offers
   * @param moved for a base pinned to another digest than its tag has now: how old that pin is, and since when
   */
  public record Pin(Configured base, String pinned, List<String> platforms, Optional<Moved> moved) {
    public boolean current() {
      return base.reference().pinned() && moved.isEmpty();
    }

    /** The line the goal prints. */
    public String describe() {
      String head = base.parameter() + ": " + pinned + " (" + String.join(", ", platforms) + ")";
      if (moved.isPresent()) {
        return head + "\n  " + base.reference().display() + " is stale: " + moved.get().describe()
            + "; " + base.reference().name() + " now points to " + digestOf(pinned) + ".";
      }
      return head + (base.reference().pinned() ? ": the pin is current." : "");
    }
  }

  /** A pin its tag has moved away from; {@code age} is empty when no record or config dates it. */
  public record Moved(String oldDigest, Optional<Duration> age, String dated) {
    String describe() {
      return age.map(a -> "the pin is " + a.toDays() + " days old (" + dated + ")").orElse("the pin's age is unknown ("
          + dated + ")");
    }
  }

  public List<Pin> pin(List<Configured> bases, Platform platform) {
    List<Pin> pins = new ArrayList<>();
    for (Configured base : bases) {
      BaseSource.Registry ref = base.reference();
      RegistryImages.TagState state = registry.tagState(ref, base.parameter());
      String pinned = ref.name() + "@" + state.digest();
      Optional<Moved> moved = Optional.empty();
      if (ref.pinned() && !ref.digest().get().equals(state.digest())) {
        moved = Optional.of(age(base, platform));
      }
      pins.add(new Pin(base, pinned, state.platforms(), moved));
    }
    return pins;
  }

  /** The old pin's age: the preset file's record date when it is a preset pin, else its image config's created. */
  private Moved age(Configured base, Platform platform) {
    BaseSource.Registry ref = base.reference();
    Optional<Presets.Pin> recorded = presets.pin(ref.written());
    if (recorded.isPresent()) {
      Instant built = recorded.get().date().atStartOfDay(ZoneOffset.UTC).toInstant();
      return new Moved(ref.digest().get(), Optional.of(Duration.between(built, now)),
          "built " + recorded.get().date() + " per " + recorded.get().source());
    }
    try {
      // a reproducible build dates its image at the epoch: no age to tell
      Optional<Instant> created = registry.created(ref, platform, base.parameter()).filter(c -> c.getEpochSecond() > 0);
      return new Moved(ref.digest().get(), created.map(c -> Duration.between(c, now)),
          created.map(c -> "created " + LocalDate.ofInstant(c, ZoneOffset.UTC) + " per its image config")
              .orElse("its image config has no date but the epoch"));
    } catch (RuntimeException e) { // the old digest may be gone from the registry: its age is then unknown
      return new Moved(ref.digest().get(), Optional.empty(), "the registry no longer serves it");
    }
  }

  private static String digestOf(String pinned) {
    return pinned.substring(pinned.indexOf('@') + 1);
  }
}
