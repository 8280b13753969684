package dev.multistage.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched) with a bar chart of
 * the image against the single-stage baseline and the layer breakdown; the {@code check} goal adds its findings.
 */
final class HtmlReport {
  private static final int CHART_WIDTH = 720;
  private static final int LABEL_WIDTH = 130;
  private static final int BAR_SPACE = CHART_WIDTH - LABEL_WIDTH - 90;
  private static final int BAR_HEIGHT = 28;
  private static final String CHECK_START = "<section id=\"check\">";
  private static final String CHECK_END = "</section>\n";

  private HtmlReport() {}

  /** A chart segment: what it is and how many compressed bytes it stands for. */
  private record Segment(String name, long bytes) {}

  static String render(SizeReport r) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Image size: ").append(esc(r.reference())).append("</title>\n<style>\n")
        .append("body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#1f2328;"
            + "background:#fff}\n")
        .append("main{max-width:60rem}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}\n")
        .append("code{font:12px ui-monospace,monospace}.summary{font-size:1.15rem;font-weight:600}\n")
        .append("table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .7rem;border-bottom:1px solid "
            + "#d0d7de;text-align:left}\n")
        .append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:600}\n")
        .append(".reused{color:#57606a}.new{color:#1a7f37;font-weight:600}.warn{color:#9a6700}\n")
        .append(".fail{color:#cf222e;font-weight:600}.pass{color:#1a7f37}.suppressed{color:#57606a}#findings code{white-space:nowrap}\n")
        .append("svg text{font:12px system-ui,sans-serif;fill:#1f2328}\n")
        .append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<h1>Image <code>").append(esc(r.reference())).append("</code></h1>\n");
    r.comparison().ifPresent(c -> h.append("<p class=\"summary").append(r.baseline() instanceof Baseline.Unavailable
        ? " warn" : "").append("\">").append(esc(c)).append("</p>\n"));
    chart(r, h);
    facts(r, h);
    layers(r, h);
    modules(r, h);
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void chart(SizeReport r, StringBuilder h) {
    List<Segment> image = new ArrayList<>();
    r.layers().forEach(l -> image.add(new Segment(l.name(), l.compressedBytes())));
    image.add(new Segment("config", r.compressedBytes() - image.stream().mapToLong(Segment::bytes).sum()));
    List<List<Segment>> bars = new ArrayList<>(List.of(image));
    List<String> ids = new ArrayList<>(List.of("bar-image"));
    List<String> labels = new ArrayList<>(List.of("runtime image"));
    if (r.baseline() instanceof Baseline.Measured m) {
      bars.add(List.of(new Segment(m.image(), m.baseCompressedBytes()),
          new Segment("application layers", m.appCompressedBytes())));
      ids.add("bar-baseline");
      labels.add("single-stage");
    }
    long max = bars.stream().mapToLong(b -> b.stream().mapToLong(Segment::bytes).sum()).max().orElse(1);
    int height = bars.size() * (BAR_HEIGHT + 16) + 8;
    h.append("<svg id=\"size-chart\" role=\"img\" width=\"").append(CHART_WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ')
        .append(height).append("\" aria-label=\"").append(esc(r.comparison().orElse("image size"))).append("\">\n");
    for (int b = 0; b < bars.size(); b++) {
      int y = 8 + b * (BAR_HEIGHT + 16);
      long total = bars.get(b).stream().mapToLong(Segment::bytes).sum();
      h.append("<g id=\"").append(ids.get(b)).append("\">\n<text x=\"0\" y=\"").append(y + BAR_HEIGHT / 2 + 4)
          .append("\">").append(labels.get(b)).append("</text>\n");
      double x = LABEL_WIDTH;
      for (int s = 0; s < bars.get(b).size(); s++) {
        Segment seg = bars.get(b).get(s);
        double w = max == 0 ? 0 : (double) seg.bytes() * BAR_SPACE / max;
        h.append("<rect x=\"").append(num(x)).append("\" y=\"").append(y).append("\" width=\"").append(num(w))
            .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(color(b, s)).append("\"><title>")
            .append(esc(seg.name() + ": " + Figures.bytes(seg.bytes()))).append("</title></rect>\n");
        x += w;
      }
      h.append("<text x=\"").append(num(x + 6)).append("\" y=\"").append(y + BAR_HEIGHT / 2 + 4).append("\">")
          .append(Figures.bytes(total)).append("</text>\n</g>\n");
    }
    h.append("</svg>\n");
  }

  private static void facts(SizeReport r, StringBuilder h) {
    h.append("<h2>Image</h2>\n<table>\n");
    row(h, "digest", "<code>" + esc(r.digest()) + "</code>");
    row(h, "platform", esc(r.platform()));
    row(h, "user", esc(r.user()));
    row(h, "runtime base", "<code>" + esc(r.runtimeBase()) + "</code>");
    r.builderBase().ifPresent(b -> row(h, "builder image", "<code>" + esc(b) + "</code>"));
    r.runtime().ifPresent(rt -> row(h, "runtime linked by", esc(rt.linkedBy())));
    row(h, "healthcheck", "<code>" + esc(String.join(" ", r.healthcheck())) + "</code>");
    r.container().rows().forEach(c -> row(h, c[0], "<code>" + esc(c[1]) + "</code>"));
    row(h, "size", esc(Figures.bytes(r.compressedBytes()) + " compressed, "
        + Figures.bytes(r.uncompressedBytes()) + " uncompressed"));
    if (r.baseline() instanceof Baseline.Measured m) {
      row(h, "single-stage", "<code>" + esc(m.image()) + "</code> + application layers: "
          + esc(Figures.bytes(m.compressedBytes())) + " compressed, "
          + (m.uncompressedBytes().isPresent() ? esc(Figures.bytes(m.uncompressedBytes().getAsLong())) : "unknown")
          + " uncompressed");
    }
    h.append("</table>\n");
  }

  private static void layers(SizeReport r, StringBuilder h) {
    h.append("<h2>Layers</h2>\n<table id=\"layers\">\n<tr><th>layer</th><th class=\"n\">files</th>")
        .append("<th class=\"n\">compressed</th><th class=\"n\">uncompressed</th><th>digest</th><th></th></tr>\n");
    for (SizeReport.LayerRow l : r.layers()) {
      h.append("<tr><td>").append(esc(l.name())).append("</td><td class=\"n\">").append(l.files())
          .append("</td><td class=\"n\">").append(Figures.bytes(l.compressedBytes())).append("</td><td class=\"n\">")
          .append(Figures.bytes(l.uncompressedBytes())).append("</td><td><code title=\"").append(esc(l.digest()))
          .append("\">").append(esc(Figures.shortDigest(l.digest()))).append("</code></td><td class=\"")
          .append(l.status()).append("\">").append(l.status()).append("</td></tr>\n");
    }
    h.append("<tr class=\"total\"><td>total</td><td></td><td class=\"n\">")
        .append(Figures.bytes(r.compressedBytes())).append("</td><td class=\"n\">")
        .append(Figures.bytes(r.uncompressedBytes())).append("</td><td></td><td></td></tr>\n</table>\n");
  }

  private static void modules(SizeReport r, StringBuilder h) {
    r.runtime().ifPresent(rt -> {
      h.append("<h2>Runtime modules</h2>\n<table id=\"modules\">\n<tr><th>module</th><th>why it is there</th></tr>\n");
      rt.modules().reasons().forEach((name, reasons) -> h.append("<tr><td><code>").append(esc(name))
          .append("</code></td><td>").append(esc(String.join(", ", reasons))).append("</td></tr>\n"));
      h.append("</table>\n");
    });
  }

  /**
   * {@code page} with the check section before the end of its main part, in place of an earlier check's section.
   */
  static String withCheck(String page, CheckSection check) {
    String section = checkSection(check);
    int start = page.indexOf(CHECK_START);
    if (start >= 0) {
      int end = page.indexOf(CHECK_END, start) + CHECK_END.length();
      return page.substring(0, start) + section + page.substring(end);
    }
    int main = page.lastIndexOf("</main>");
    return page.substring(0, main) + section + page.substring(main);
  }

  private static String checkSection(CheckSection c) {
    StringBuilder h = new StringBuilder(CHECK_START).append("\n<h2>Policy check</h2>\n");
    h.append("<p class=\"summary ").append(c.passed() ? "pass" : "fail").append("\">")
        .append(c.passed() ? "Passed" : "Failed").append(": ").append(esc(c.summary())).append("</p>\n");
    if (c.rows().isEmpty()) {
      h.append("<p>No findings in <code>").append(esc(c.subject())).append("</code>.</p>\n");
    } else {
      boolean platforms = c.rows().stream().map(CheckSection.Row::platform).distinct().count() > 1;
      h.append("<table id=\"findings\">\n<tr><th>severity</th><th>rule</th>")
          .append(platforms ? "<th>platform</th>" : "").append("<th>where</th><th>finding</th><th>fix</th><th></th>")
          .append("</tr>\n");
      for (CheckSection.Row r : c.rows()) {
        String status = r.fails() ? "fail" : r.suppressed().isPresent() ? "suppressed" : "";
        h.append("<tr").append(status.isEmpty() ? "" : " class=\"" + status + "\"").append("><td>")
            .append(esc(r.severity())).append("</td><td><code>").append(esc(r.rule())).append("</code></td>")
            .append(platforms ? "<td>" + esc(r.platform()) + "</td>" : "").append("<td><code>")
            .append(esc(r.location())).append("</code></td><td>").append(esc(r.message())).append("</td><td>")
            .append(esc(r.fix())).append("</td><td>")
            .append(r.fails() ? "fails" : r.suppressed().map(why -> "suppressed: " + esc(why)).orElse(""))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    return h.append(CHECK_END).toString();
  }

  private static void row(StringBuilder h, String name, String html) {
    h.append("<tr><th>").append(name).append("</th><td>").append(html).append("</td></tr>\n");
  }

  private static String color(int bar, int segment) {
    String[] image = {"#0969da", "#218bff", "#54aeff", "#80ccff", "#b6e3ff"};
    String[] baseline = {"#bc4c00", "#fb8f44"};
    return bar == 0 ? image[segment % image.length] : baseline[segment % baseline.length];
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
