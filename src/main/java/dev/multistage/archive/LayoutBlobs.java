package dev.multistage.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.image.Digests;
import dev.multistage.plan.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The blobs of an OCI layout on disk, found by digest; a missing or foreign one is the user's mistake, named after
 * {@code parameter}.
 */
record LayoutBlobs(Path dir, String parameter) {
  private static final ObjectMapper JSON = new ObjectMapper();

  Path path(String digest) {
    if (!Digests.isSha256(digest)) {
      throw new InvalidParameterException(parameter, dir + " refers to an unsupported digest '" + digest + "'.",
          "use a layout with sha256 digests.");
    }
    Path file = dir.resolve("blobs/sha256").resolve(digest.substring(7));
    if (!Files.isRegularFile(file)) {
      throw new InvalidParameterException(parameter, dir + " lacks blob " + digest + ".",
          "copy the layout again; it is incomplete.");
    }
    return file;
  }

  byte[] bytes(String digest) throws IOException {
    return Files.readAllBytes(path(digest));
  }

  JsonNode json(String digest) throws IOException {
    return JSON.readTree(bytes(digest));
  }
}
