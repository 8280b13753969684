package dev.multistage.maven;

import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.PinAge;
import dev.multistage.plan.Presets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/** The {@code image} goal's stale-pin warning: once per Maven build, not once per reactor module. */
final class StalePins {
  /** The builds (by their request object, one per {@code mvn} run) that have warned already. */
  private static final Map<Object, Boolean> WARNED = Collections.synchronizedMap(new WeakHashMap<>());

  private StalePins() {}

  static void check(ImageMojo mojo, List<String> references) {
    Optional<String> warning = PinAge.staleWarning(Presets.load(), references, LocalDate.now(ZoneOffset.UTC),
        mojo.pinMaxAgeDays);
    if (warning.isEmpty()) {
      return;
    }
    if (mojo.failOnStalePins) {
      throw new InvalidParameterException("pinMaxAgeDays", warning.get(),
          "pin current digests (mvn multistage:pin -Dmultistage.pin.write=true), or set failOnStalePins=false.");
    }
    Object build = mojo.session == null ? StalePins.class
        : mojo.session.getRequest() != null ? mojo.session.getRequest() : mojo.session;
    if (WARNED.putIfAbsent(build, Boolean.TRUE) == null) {
      mojo.getLog().warn(warning.get());
    }
  }
}
