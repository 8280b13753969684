package dev.multistage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** {@code report.json}: every figure of a {@link SizeReport}, field by field as docs/report.md lists them. */
public final class JsonReport {
  /** Indented, as every JSON file the plugin writes. */
  public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** The bytes of {@code report.json}. */
  public static byte[] bytes(SizeReport r) throws IOException {
    return MAPPER.writeValueAsBytes(render(r));
  }

  public static JsonNode render(SizeReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode image = root.putObject("image");
    image.put("reference", r.reference()).put("digest", r.digest()).put("id", r.imageId())
        .put("platform", r.platform()).put("user", r.user());
    ArrayNode hc = image.putArray("healthcheck");
    r.healthcheck().forEach(hc::add);
    r.container().addTo(image);
    ObjectNode bases = root.putObject("bases");
    bases.put("runtime", r.runtimeBase());
    r.builderBase().ifPresentOrElse(b -> bases.put("builder", b), () -> bases.putNull("builder"));
    runtime(r, root);
    ArrayNode ls = root.putArray("layers");
    for (SizeReport.LayerRow l : r.layers()) {
      ls.addObject().put("name", l.name()).put("files", l.files()).put("compressedBytes", l.compressedBytes())
          .put("uncompressedBytes", l.uncompressedBytes()).put("digest", l.digest()).put("reused", l.reused());
    }
    root.putObject("totals").put("compressedBytes", r.compressedBytes())
        .put("uncompressedBytes", r.uncompressedBytes());
    if (!r.platforms().isEmpty()) {
      ArrayNode ps = root.putArray("platforms");
      r.platforms().forEach(p -> ps.addObject().put("platform", p.platform()).put("digest", p.digest())
          .put("compressedBytes", p.compressedBytes()).put("uncompressedBytes", p.uncompressedBytes()));
    }
    baseline(r.baseline(), root);
    OptionalDouble reduction = r.reduction();
    if (reduction.isPresent()) {
      root.put("reduction", Math.round(reduction.getAsDouble() * 10_000) / 10_000.0);
    } else {
      root.putNull("reduction");
    }
    return root;
  }

  private static void runtime(SizeReport r, ObjectNode root) {
    if (r.runtime().isEmpty()) {
      root.putNull("runtime");
      return;
    }
    RuntimeModules runtime = r.runtime().get();
    ObjectNode rt = root.putObject("runtime").put("linkedBy", runtime.linkedBy());
    runtime.builderImage().ifPresentOrElse(b -> rt.put("builderImage", b), () -> rt.putNull("builderImage"));
    ArrayNode modules = rt.putArray("modules");
    runtime.modules().reasons().forEach((name, reasons) -> {
      ArrayNode why = modules.addObject().put("name", name).putArray("reasons");
      reasons.forEach(why::add);
    });
  }

  private static void baseline(Baseline baseline, ObjectNode root) {
    if (baseline instanceof Baseline.Measured m) {
      ObjectNode b = root.putObject("baseline").put("image", m.image()).put("available", true)
          .put("digest", m.manifestDigest()).put("compressedBytes", m.compressedBytes());
      optional(b, "uncompressedBytes", m.uncompressedBytes());
      b.put("baseCompressedBytes", m.baseCompressedBytes());
      optional(b, "baseUncompressedBytes", m.baseUncompressedBytes());
      b.put("appCompressedBytes", m.appCompressedBytes()).put("appUncompressedBytes", m.appUncompressedBytes());
    } else if (baseline instanceof Baseline.Unavailable u) {
      root.putObject("baseline").put("image", u.image()).put("available", false).put("reason", u.reason())
          .putNull("compressedBytes").putNull("uncompressedBytes");
    } else {
      root.putNull("baseline");
    }
  }

  private static void optional(ObjectNode node, String field, OptionalLong value) {
    if (value.isPresent()) {
      node.put(field, value.getAsLong());
    } else {
      node.putNull(field);
    }
  }
}
