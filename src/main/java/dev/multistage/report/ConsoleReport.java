package dev.multistage.report;

import static dev.multistage.report.Figures.bytes;
import static dev.multistage.report.Figures.shortDigest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The compact table the build log shows: one line per layer and platform, and the single-stage comparison. */
public final class ConsoleReport {
  private ConsoleReport() {}

  public static List<String> lines(SizeReport r) {
    List<String> lines = new ArrayList<>();
    lines.add("Image " + r.reference() + " (" + r.platform() + ", user " + r.user() + ")");
    lines.add("  digest " + r.digest());
    r.runtime().ifPresent(rt -> lines.add("  runtime: " + rt.modules().reasons().size() + " modules, linked by "
        + rt.linkedBy()));
    lines.addAll(r.container().consoleLines());
    lines.add(String.format(Locale.ROOT, "  %-22s %7s %11s %13s  %s", "layer", "files", "compressed", "uncompressed",
        "status"));
    for (SizeReport.LayerRow l : r.layers()) {
      lines.add(String.format(Locale.ROOT, "  %-22s %7d %11s %13s  %s", l.name(), l.files(), bytes(l.compressedBytes()),
          bytes(l.uncompressedBytes()), l.status()));
    }
    lines.add(String.format(Locale.ROOT, "  %-22s %7s %11s %13s", "total", "", bytes(r.compressedBytes()),
        bytes(r.uncompressedBytes())));
    for (SizeReport.PlatformRow p : r.platforms()) {
      lines.add(String.format(Locale.ROOT, "  %-30s %11s %13s  %s", "platform " + p.platform(),
          bytes(p.compressedBytes()), bytes(p.uncompressedBytes()), shortDigest(p.digest())));
    }
    if (r.baseline() instanceof Baseline.Measured m) {
      lines.add("  " + r.comparison().orElseThrow() + ", single-stage = " + m.image() + " + app layers");
    } else if (r.baseline() instanceof Baseline.Unavailable) {
      // the reason is long and was already logged as a warning when the baseline was measured
      lines.add("  single-stage baseline unavailable (see the warning above)");
    }
    return lines;
  }
}
