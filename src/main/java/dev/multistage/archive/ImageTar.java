package dev.multistage.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.image.Descriptor;
import dev.multistage.image.Digests;
import dev.multistage.image.Image;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Reads back the {@code image.tar} this plugin wrote — a docker-archive of gzip layer blobs, or an OCI archive — as
 * the same {@link Image}: same config bytes, same layer blobs, so the same manifest digest. Nothing is rebuilt; every
 * blob is checked against its digest while it is extracted into {@code blobDirectory}.
 */
public final class ImageTar {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PARAMETER = "outputDirectory";
  private static final String REWRITE = "run mvn package again to write a fresh image.tar.";

  private final Path file;
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries = new HashMap<>();

  private ImageTar(Path file, TarFile tar) {
    this.file = file;
    this.tar = tar;
    for (TarArchiveEntry e : tar.getEntries()) {
      entries.put(e.getName().startsWith("./") ? e.getName().substring(2) : e.getName(), e);
    }
  }

  /**
   * The image in {@code file}; layer blobs are extracted to {@code blobDirectory} (created if missing).
   *
   * @throws InvalidParameterException when {@code file} is missing or is not an image this plugin wrote
   */
  public static Image read(Path file, Path blobDirectory) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidParameterException(PARAMETER, "there is no image to push: " + file + " does not exist.",
          "build it first: run mvn package (the image goal writes it), or mvn package multistage:push.");
    }
    try (TarFile tar = new TarFile(file)) {
      ImageTar archive = new ImageTar(file, tar);
      Files.createDirectories(blobDirectory);
      return archive.entries.containsKey("manifest.json") ? archive.dockerArchive(blobDirectory)
          : archive.entries.containsKey("index.json") ? archive.ociArchive(blobDirectory)
          : archive.fail("it is neither a docker-archive (manifest.json) nor an OCI archive (index.json)");
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidParameterException) {
        throw e;
      }
      throw new InvalidParameterException(PARAMETER, file + " cannot be read as an image: " + e.getMessage(), REWRITE,
          e);
    }
  }

  private Image dockerArchive(Path blobDirectory) throws IOException {
    JsonNode manifest = JSON.readTree(bytes("manifest.json"));
    if (manifest.size() != 1) {
      return fail("its manifest.json lists " + manifest.size() + " images, not one");
    }
    JsonNode entry = manifest.get(0);
    byte[] config = bytes(entry.path("Config").asText());
    List<String> blobs = new ArrayList<>();
    entry.path("Layers").forEach(l -> blobs.add(l.asText()));
    List<String> digests = new ArrayList<>();
    for (String name : blobs) {
      String hex = name.endsWith(".tar.gz") ? name.substring(0, name.length() - ".tar.gz".length()) : "";
      if (!Digests.isSha256("sha256:" + hex)) {
        return fail("its layer " + name + " is not a gzip blob named by its digest (it was not written by this "
            + "plugin)");
      }
      digests.add("sha256:" + hex);
    }
    return image(ImageFormat.DOCKER, config, digests, blobs, blobDirectory);
  }

  private Image ociArchive(Path blobDirectory) throws IOException {
    JsonNode index = JSON.readTree(bytes("index.json"));
    if (index.path("manifests").size() != 1) {
      return fail("its index.json lists " + index.path("manifests").size() + " manifests, not one");
    }
    String manifestDigest = index.path("manifests").get(0).path("digest").asText();
    JsonNode manifest = JSON.readTree(bytes(blobName(manifestDigest)));
    byte[] config = bytes(blobName(manifest.path("config").path("digest").asText()));
    List<String> digests = new ArrayList<>();
    List<String> blobs = new ArrayList<>();
    for (JsonNode l : manifest.path("layers")) {
      if (!ImageFormat.isGzipLayer(l.path("mediaType").asText())) {
        return fail("its layer " + l.path("digest").asText() + " is not a gzip layer");
      }
      digests.add(l.path("digest").asText());
      blobs.add(blobName(l.path("digest").asText()));
    }
    return image(ImageFormat.OCI, config, digests, blobs, blobDirectory);
  }

  private Image image(ImageFormat format, byte[] configBytes, List<String> digests, List<String> blobs,
      Path blobDirectory) throws IOException {
    ImageConfig config = ImageConfig.parse(configBytes);
    List<String> diffIds = config.diffIds();
    if (diffIds.size() != digests.size()) {
      return fail("it lists " + digests.size() + " layers but its config has " + diffIds.size() + " diff_ids");
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < digests.size(); i++) {
      Path blob = extract(blobs.get(i), digests.get(i), blobDirectory);
      layers.add(new Layer("layer " + (i + 1), new Descriptor(format.layerMediaType, digests.get(i), Files.size(blob)),
          diffIds.get(i), -1, -1, blob, false));
    }
    Platform platform = new Platform(config.os().orElse("linux"), config.architecture().orElse("amd64"),
        Optional.ofNullable(config.json().path("variant").asText(null)).filter(v -> !v.isEmpty()));
    Image image = new Image(platform, format, config, layers);
    if (!image.configDescriptor().digest().equals(Digests.of(configBytes))) {
      return fail("its config is not in the canonical form this plugin writes");
    }
    return image;
  }

  /** Copies one blob out of the tar, verifying its digest; a blob already extracted intact is reused. */
  private Path extract(String name, String digest, Path blobDirectory) throws IOException {
    Path target = blobDirectory.resolve(digest.substring("sha256:".length()) + ".tar.gz");
    if (Files.isRegularFile(target) && Digests.of(target).equals(digest)) {
      return target;
    }
    Path temp = Files.createTempFile(blobDirectory, "blob-", ".tmp");
    try {
      try (InputStream in = tar.getInputStream(entry(name))) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      String actual = Digests.of(temp);
      if (!actual.equals(digest)) {
        return fail("its blob " + name + " has digest " + actual + ", not " + digest + " (the file is damaged)");
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private byte[] bytes(String name) throws IOException {
    try (InputStream in = tar.getInputStream(entry(name))) {
      return in.readAllBytes();
    }
  }

  private TarArchiveEntry entry(String name) {
    TarArchiveEntry e = entries.get(name);
    if (e == null) {
      fail("it lists " + name + " but does not contain it");
    }
    return e;
  }

  private String blobName(String digest) {
    if (!Digests.isSha256(digest)) {
      fail("it refers to the unsupported digest '" + digest + "'");
    }
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }

  private <T> T fail(String problem) {
    throw new InvalidParameterException(PARAMETER, file + " is not an image this plugin can push: " + problem + ".",
        REWRITE);
  }
}
