package dev.multistage.report;

import static dev.multistage.report.Figures.bytes;
import static dev.multistage.report.Figures.shortDigest;

/** {@code report.md}, also what goes to the GitHub step summary: the report's facts as Markdown tables. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(SizeReport r) {
    StringBuilder md = new StringBuilder();
    md.append("## Image `").append(r.reference()).append("`\n\n");
    r.comparison().ifPresent(c -> md.append("**").append(c).append("**\n\n"));
    facts(r, md);
    md.append("\n| layer | files | compressed | uncompressed | digest | |\n|---|---:|---:|---:|---|---|\n");
    for (SizeReport.LayerRow l : r.layers()) {
      md.append("| ").append(l.name()).append(" | ").append(l.files()).append(" | ").append(bytes(l.compressedBytes()))
          .append(" | ").append(bytes(l.uncompressedBytes())).append(" | `").append(shortDigest(l.digest()))
          .append("` | ").append(l.status()).append(" |\n");
    }
    md.append("| **total** | | **").append(bytes(r.compressedBytes())).append("** | **")
        .append(bytes(r.uncompressedBytes())).append("** | | |\n");
    if (!r.platforms().isEmpty()) {
      md.append("\n| platform | manifest digest | compressed | uncompressed |\n|---|---|---:|---:|\n");
      r.platforms().forEach(p -> md.append("| ").append(p.platform()).append(" | `").append(shortDigest(p.digest()))
          .append("` | ").append(bytes(p.compressedBytes())).append(" | ").append(bytes(p.uncompressedBytes()))
          .append(" |\n"));
    }
    r.runtime().ifPresent(rt -> {
      md.append("\n| runtime module | why it is there |\n|---|---|\n");
      rt.modules().reasons().forEach((name, reasons) ->
          md.append("| ").append(name).append(" | ").append(String.join(", ", reasons)).append(" |\n"));
    });
    return md.toString();
  }

  private static void facts(SizeReport r, StringBuilder md) {
    md.append("| | |\n|---|---|\n");
    md.append("| digest | `").append(r.digest()).append("` |\n");
    md.append("| platform | ").append(r.platform()).append(" |\n");
    md.append("| user | ").append(r.user()).append(" |\n");
    md.append("| runtime base | `").append(r.runtimeBase()).append("` |\n");
    r.builderBase().ifPresent(b -> md.append("| builder image | `").append(b).append("` |\n"));
    r.runtime().ifPresent(rt -> md.append("| runtime linked by | ").append(rt.linkedBy()).append(" |\n"));
    md.append("| healthcheck | `").append(String.join(" ", r.healthcheck())).append("` |\n");
    // a pipe inside a cell would end it
    r.container().rows().forEach(c -> md.append("| ").append(c[0]).append(" | `").append(c[1].replace("|", "\\|"))
        .append("` |\n"));
    md.append("| size | ").append(bytes(r.compressedBytes())).append(" compressed, ")
        .append(bytes(r.uncompressedBytes())).append(" uncompressed |\n");
    if (r.baseline() instanceof Baseline.Measured m) {
      md.append("| single-stage | `").append(m.image()).append("` + app layers: ").append(bytes(m.compressedBytes()))
          .append(" compressed, ").append(m.uncompressedBytes().isPresent()
              ? bytes(m.uncompressedBytes().getAsLong()) : "unknown").append(" uncompressed |\n");
    }
  }
}
