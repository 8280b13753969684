package dev.multistage.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An image config's JSON read leniently and written canonically, so the same config always has the same digest. */
final class ConfigJson {
  static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private ConfigJson() {}

  static ObjectNode parse(byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException("an image config is a JSON object");
      }
      return object;
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable image config", e);
    }
  }

  /** Keys sorted, no whitespace: a base's key order must not change the digest. */
  static byte[] canonical(ObjectNode root) {
    try {
      return MAPPER.writeValueAsBytes(MAPPER.treeToValue(root, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A field's text; empty when it is missing, null or blank, as Docker treats them alike. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
