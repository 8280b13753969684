package dev.multistage.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.registry.PushResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a push leaves for later CI steps: {@code image-digest} (the pushed manifest digest) and {@code image.json}
 * ({@code reference}, {@code digest}, {@code tags}, {@code pushed} references, blob counts), each replaced whole
 * ({@link OutputFiles}). Holds no credential.
 */
public record PushRecord(PushResult result) {
  public static final String FILE = "image.json";
  public static final String DIGEST_FILE = "image-digest";

  /** Every reference the registry now serves this image under: one per tag, then the pinned one. */
  public List<String> pushedReferences() {
    List<String> references = new ArrayList<>();
    result.tags().forEach(tag -> references.add(result.reference() + ":" + tag));
    references.add(result.pinnedReference());
    return references;
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonReport.MAPPER.createObjectNode();
    json.put("reference", result.reference());
    json.put("digest", result.digest());
    json.put("pinned", result.pinnedReference());
    ArrayNode tags = json.putArray("tags");
    result.tags().forEach(tags::add);
    ArrayNode pushed = json.putArray("pushed");
    pushedReferences().forEach(pushed::add);
    json.putObject("blobs").put("uploaded", result.uploaded()).put("mounted", result.mounted())
        .put("skipped", result.skipped());
    return json;
  }

  /** Writes {@code image-digest} and {@code image.json} into {@code directory}. */
  public void writeTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    OutputFiles.replace(directory.resolve(DIGEST_FILE), result.digest().getBytes(StandardCharsets.UTF_8));
    OutputFiles.replace(directory.resolve(FILE), JsonReport.MAPPER.writeValueAsBytes(toJson()));
  }

  /** Removes an {@code image.json} left by an earlier push, so a failed push never leaves a stale record. */
  public static void forget(Path directory) throws IOException {
    Files.deleteIfExists(directory.resolve(FILE));
  }
}
