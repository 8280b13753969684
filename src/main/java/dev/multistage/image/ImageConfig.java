package dev.multistage.image;

import static dev.multistage.image.ConfigJson.strings;
import static dev.multistage.image.ConfigJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.plan.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An image configuration (the Docker/OCI config blob) as JSON, so fields this code does not know survive from the
 * base untouched. Every change returns a new {@code ImageConfig}.
 */
public final class ImageConfig {
  private final ObjectNode root;

  private ImageConfig(ObjectNode root) {
    this.root = root;
  }

  public static ImageConfig parse(byte[] json) {
    return new ImageConfig(ConfigJson.parse(json));
  }

  /** An empty config, for images built from scratch. */
  public static ImageConfig empty(Platform platform) {
    ObjectNode root = ConfigJson.MAPPER.createObjectNode();
    ImageConfig config = new ImageConfig(root).withPlatform(platform);
    config.root.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    return config;
  }

  private ImageConfig edit(Consumer<ObjectNode> change) {
    ObjectNode copy = root.deepCopy();
    change.accept(copy);
    return new ImageConfig(copy);
  }

  private static ObjectNode container(ObjectNode root) {
    JsonNode c = root.get("config");
    return c instanceof ObjectNode o ? o : root.putObject("config");
  }

  public Optional<String> os() {
    return text(root, "os");
  }

  public Optional<String> architecture() {
    return text(root, "architecture");
  }

  public Optional<String> user() {
    return text(root.path("config"), "User");
  }

  public Optional<String> workingDir() {
    return text(root.path("config"), "WorkingDir");
  }

  /** Environment as an ordered map of name to value. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : root.path("config").path("Env")) {
      String s = e.asText();
      int eq = s.indexOf('=');
      env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
    }
    return env;
  }

  public List<String> entrypoint() {
    return strings(root.path("config").path("Entrypoint"));
  }

  public List<String> cmd() {
    return strings(root.path("config").path("Cmd"));
  }

  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    root.path("config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  public List<String> exposedPorts() {
    List<String> ports = new ArrayList<>();
    root.path("config").path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    return ports;
  }

  /** The {@code Volumes} paths, sorted. */
  public List<String> volumes() {
    List<String> volumes = new ArrayList<>();
    root.path("config").path("Volumes").fieldNames().forEachRemaining(volumes::add);
    return volumes;
  }

  /** The Docker {@code Healthcheck.Test} array, empty when there is none. */
  public List<String> healthcheckTest() {
    return strings(root.path("config").path("Healthcheck").path("Test"));
  }

  public JsonNode healthcheck() {
    return root.path("config").path("Healthcheck");
  }

  public List<String> diffIds() {
    return strings(root.path("rootfs").path("diff_ids"));
  }

  public ImageConfig withPlatform(Platform platform) {
    return edit(r -> {
      r.put("os", platform.os());
      r.put("architecture", platform.architecture());
      if (platform.variant().isPresent()) {
        r.put("variant", platform.variant().get());
      } else {
        r.remove("variant");
      }
    });
  }

  public ImageConfig withCreated(Instant created) {
    return edit(r -> r.put("created", created.toString()));
  }

  public ImageConfig withUser(String user) {
    return edit(r -> container(r).put("User", user));
  }

  public ImageConfig withWorkingDir(String dir) {
    return edit(r -> container(r).put("WorkingDir", dir));
  }

  public ImageConfig withEnv(Map<String, String> env) {
    return edit(r -> {
      ArrayNode array = container(r).putArray("Env");
      env.forEach((k, v) -> array.add(k + "=" + v));
    });
  }

  public ImageConfig withEntrypoint(List<String> entrypoint, List<String> cmd) {
    return edit(r -> {
      ObjectNode c = container(r);
      ArrayNode e = c.putArray("Entrypoint");
      entrypoint.forEach(e::add);
      if (cmd.isEmpty()) {
        c.putNull("Cmd");
      } else {
        ArrayNode a = c.putArray("Cmd");
        cmd.forEach(a::add);
      }
    });
  }

  public ImageConfig withExposedPorts(List<Integer> ports) {
    return edit(r -> {
      ObjectNode exposed = container(r).putObject("ExposedPorts");
      ports.stream().sorted().forEach(p -> exposed.putObject(p + "/tcp"));
    });
  }

  /** Adds volumes to the base's. */
  public ImageConfig withVolumes(List<String> paths) {
    if (paths.isEmpty()) {
      return this;
    }
    return edit(r -> {
      JsonNode existing = container(r).get("Volumes");
      ObjectNode v = existing instanceof ObjectNode o ? o : container(r).putObject("Volumes");
      paths.forEach(p -> v.putObject(p));
    });
  }

  /** Adds labels, replacing ones with the same key. */
  public ImageConfig withLabels(Map<String, String> labels) {
    return edit(r -> {
      JsonNode existing = container(r).get("Labels");
      ObjectNode l = existing instanceof ObjectNode o ? o : container(r).putObject("Labels");
      labels.forEach(l::put);
    });
  }

  public ImageConfig withHealthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
      int retries) {
    return edit(r -> {
      ObjectNode h = container(r).putObject("Healthcheck");
      ArrayNode t = h.putArray("Test");
      test.forEach(t::add);
      h.put("Interval", interval.toNanos());
      h.put("Timeout", timeout.toNanos());
      h.put("StartPeriod", startPeriod.toNanos());
      h.put("Retries", retries);
    });
  }

  public ImageConfig withoutHealthcheck() {
    return edit(r -> container(r).remove("Healthcheck"));
  }

  /** Appends a layer's diff_id and a history entry saying what made it. */
  public ImageConfig withLayer(String diffId, String createdBy, Instant created) {
    return edit(r -> {
      JsonNode rootfs = r.get("rootfs");
      ObjectNode fs = rootfs instanceof ObjectNode o ? o : r.putObject("rootfs");
      fs.put("type", "layers");
      JsonNode ids = fs.get("diff_ids");
      (ids instanceof ArrayNode a ? a : fs.putArray("diff_ids")).add(diffId);
      JsonNode history = r.get("history");
      ObjectNode entry = (history instanceof ArrayNode a ? a : r.putArray("history")).addObject();
      entry.put("created", created.toString());
      entry.put("created_by", createdBy);
      entry.put("comment", "multistage-maven-plugin");
    });
  }

  /** Canonical bytes: keys sorted, no whitespace, so the same config always has the same digest. */
  public byte[] toBytes() {
    return ConfigJson.canonical(root);
  }

  public JsonNode json() {
    return root.deepCopy();
  }
}
