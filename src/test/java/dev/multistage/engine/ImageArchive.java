package dev.multistage.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads back what the build wrote into {@code image.tar}: its small JSON files by name. */
final class ImageArchive {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SMALL = 1 << 20;

  private final Map<String, byte[]> smallFiles;
  private final Map<String, Long> sizes;

  private ImageArchive(Map<String, byte[]> smallFiles, Map<String, Long> sizes) {
    this.smallFiles = smallFiles;
    this.sizes = sizes;
  }

  static ImageArchive read(Path tar) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = entries.getNextEntry()) != null; ) {
        files.put(e.getName(), e.isFile() && e.getSize() < SMALL ? entries.readAllBytes() : new byte[0]);
        sizes.put(e.getName(), e.getSize());
      }
    }
    return new ImageArchive(files, sizes);
  }

  boolean has(String name) {
    return smallFiles.containsKey(name);
  }

  /** The size of the entry {@code name}, as the tar holds it. */
  long size(String name) {
    if (!sizes.containsKey(name)) {
      throw new AssertionError("image.tar has no " + name + "; it has " + sizes.keySet());
    }
    return sizes.get(name);
  }

  JsonNode json(String name) throws IOException {
    if (!has(name)) {
      throw new AssertionError("image.tar has no " + name + "; it has " + smallFiles.keySet());
    }
    return JSON.readTree(smallFiles.get(name));
  }

  /** The image config of a docker-archive, found through {@code manifest.json}. */
  JsonNode dockerConfig() throws IOException {
    return json(json("manifest.json").path(0).path("Config").asText());
  }

  /** {@code config.Healthcheck.Test} of a docker-archive's image, as a list of strings. */
  java.util.List<String> healthcheckTest() throws IOException {
    java.util.List<String> test = new java.util.ArrayList<>();
    dockerConfig().path("config").path("Healthcheck").path("Test").forEach(t -> test.add(t.asText()));
    return test;
  }
}
