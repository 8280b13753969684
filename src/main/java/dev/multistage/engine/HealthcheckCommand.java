package dev.multistage.engine;

import dev.multistage.layer.BaseFilesystem;
import dev.multistage.layer.LayerEntry;
import dev.multistage.plan.HealthcheckSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a HEALTHCHECK command that works inside the image: the user's command, the base's wget, or the plugin's
 * probe class run by the image's own java (which then needs a small layer).
 *
 * @param test Docker's {@code Healthcheck.Test}
 * @param probeLayer entries of the probe layer, empty unless the probe is used
 */
record HealthcheckCommand(List<String> test, List<LayerEntry> probeLayer) {

  static final String PROBE_DIR = "/opt/multistage/probe";
  static final String PROBE_CLASS = "dev.multistage.probe.HealthProbe";
  private static final List<String> WGETS = List.of("/usr/bin/wget", "/bin/wget", "/usr/local/bin/wget");

  static HealthcheckCommand choose(HealthcheckSpec spec, BaseFilesystem base, String java) {
    if (!spec.command().isEmpty()) {
      List<String> test = new ArrayList<>();
      if (spec.command().size() == 1 && base.exists("/bin/sh")) {
        test.add("CMD-SHELL");
      } else {
        test.add("CMD");
      }
      test.addAll(spec.command());
      return new HealthcheckCommand(test, List.of());
    }
    Optional<String> wget = WGETS.stream().filter(base::exists).findFirst();
    if (wget.isPresent()) {
      // no "-T <seconds>": Debian's static busybox 1.35 segfaults with it; the HEALTHCHECK timeout bounds the probe
      return new HealthcheckCommand(List.of("CMD", wget.get(), "-q", "-O", "/dev/null", spec.url()), List.of());
    }
    List<String> test = List.of("CMD", java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
        "-Xshare:auto", "-Xmx16m", "-cp", PROBE_DIR, PROBE_CLASS, spec.url());
    return new HealthcheckCommand(test, probeEntries());
  }

  private static List<LayerEntry> probeEntries() {
    String resource = "/" + PROBE_CLASS.replace('.', '/') + ".class";
    try (InputStream in = HealthcheckCommand.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the plugin jar lacks " + resource);
      }
      byte[] bytes = in.readAllBytes();
      List<LayerEntry> entries = new ArrayList<>();
      String dir = "/opt";
      for (String part : (PROBE_DIR.substring("/opt/".length()) + "/dev/multistage/probe").split("/")) {
        dir = dir + "/" + part;
        entries.add(new LayerEntry.Directory(dir, 0755, 0, 0));
      }
      entries.add(new LayerEntry.Content(PROBE_DIR + resource, bytes, 0644, 0, 0));
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
