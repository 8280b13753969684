package dev.multistage.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.image.BaseImage;
import dev.multistage.image.Descriptor;
import dev.multistage.image.Digests;
import dev.multistage.image.Image;
import dev.multistage.image.ImageDestination;
import dev.multistage.image.ImageIndex;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.ImageSizes;
import dev.multistage.image.Layer;
import dev.multistage.layer.ReproducibleLayerWriter;
import dev.multistage.layer.WrittenLayer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The docker-archive format ({@code docker save} / {@code docker load}): a tar holding {@code manifest.json}, the
 * config blob and one file per layer. Layers are written as the gzip blobs they are, which {@code docker load} and
 * skopeo both accept, so the tar carries exactly the bytes the registry gets.
 */
public final class DockerArchive {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerArchive() {}

  /** A docker-archive file, its image named by {@code repoTags} ({@code repo:tag}); it holds one platform. */
  public static ImageDestination to(Path file, List<String> repoTags) {
    return new ImageDestination() {
      @Override
      public void write(Image image) throws IOException {
        DockerArchive.write(image, repoTags, file);
      }

      @Override
      public void write(ImageIndex index) {
        throw new IllegalArgumentException("a docker-archive holds one platform; write an index to an OCI layout");
      }
    };
  }

  /** Writes {@code image} to {@code file}, tagged {@code repoTags} (e.g. {@code shop:1.0}). */
  public static void write(Image image, List<String> repoTags, Path file) throws IOException {
    String configName = image.configDescriptor().hex() + ".json";
    ObjectNode entry = JSON.createObjectNode();
    entry.put("Config", configName);
    ArrayNode tags = entry.putArray("RepoTags");
    repoTags.forEach(tags::add);
    ArrayNode layers = entry.putArray("Layers");
    List<String> written = new ArrayList<>();
    for (Layer l : image.layers()) {
      layers.add(l.descriptor().hex() + ".tar.gz");
    }
    try (ArchiveWriter tar = new ArchiveWriter(file)) {
      tar.bytes(configName, image.configBytes());
      for (Layer l : image.layers()) {
        String name = l.descriptor().hex() + ".tar.gz";
        if (!written.contains(name)) {
          tar.file(name, l.blob());
          written.add(name);
        }
      }
      tar.bytes("manifest.json", JSON.writeValueAsBytes(JSON.createArrayNode().add(entry)));
      tar.bytes("repositories", repositories(repoTags, image.layers()));
    }
  }

  private static byte[] repositories(List<String> repoTags, List<Layer> layers) throws IOException {
    ObjectNode repos = JSON.createObjectNode();
    String top = layers.isEmpty() ? "" : layers.get(layers.size() - 1).descriptor().hex();
    for (String repoTag : repoTags) {
      int colon = repoTag.lastIndexOf(':');
      ObjectNode r = repos.has(repoTag.substring(0, colon))
          ? (ObjectNode) repos.get(repoTag.substring(0, colon))
          : repos.putObject(repoTag.substring(0, colon));
      r.put(repoTag.substring(colon + 1), top);
    }
    return JSON.writeValueAsBytes(repos);
  }

  /**
   * Reads the first image of a docker-archive as a base. Layers already gzip-compressed are used as they are;
   * uncompressed ones (what {@code docker save} writes) are compressed once into {@code blobDirectory}.
   */
  public static BaseImage read(BaseSource.Tar source, Path blobDirectory, String parameter) throws IOException {
    Path file = source.file();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidParameterException(parameter, "the docker-archive " + file + " does not exist or cannot be read.",
          "point tar: at a file written by docker save, skopeo copy … docker-archive: or this plugin.");
    }
    try (TarFile tar = new TarFile(file)) {
      Map<String, TarArchiveEntry> entries = new HashMap<>();
      for (TarArchiveEntry e : tar.getEntries()) {
        entries.put(stripDot(e.getName()), e);
      }
      TarArchiveEntry manifestEntry = entries.get("manifest.json");
      if (manifestEntry == null) {
        throw new InvalidParameterException(parameter, file + " is not a docker-archive: it has no manifest.json.",
            "write it with docker save or skopeo copy … docker-archive:.");
      }
      JsonNode manifest;
      try (InputStream in = tar.getInputStream(manifestEntry)) {
        manifest = JSON.readTree(in).path(0);
      }
      byte[] config = readAll(tar, entries, manifest.path("Config").asText(), file, parameter);
      ImageConfig imageConfig = ImageConfig.parse(config);
      List<String> diffIds = imageConfig.diffIds();
      List<Layer> layers = new ArrayList<>();
      Files.createDirectories(blobDirectory);
      int i = 0;
      for (JsonNode layerName : manifest.path("Layers")) {
        TarArchiveEntry e = entries.get(stripDot(layerName.asText()));
        if (e == null) {
          throw new InvalidParameterException(parameter, file + " lists layer " + layerName.asText() + " but lacks it.",
              "write the archive again.");
        }
        Path extracted = Files.createTempFile(blobDirectory, "layer", ".tmp");
        try {
          try (InputStream in = tar.getInputStream(e)) {
            Files.copy(in, extracted, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
          layers.add(gzipLayer(extracted, blobDirectory, i < diffIds.size() ? diffIds.get(i) : null));
        } finally {
          Files.deleteIfExists(extracted);
        }
        i++;
      }
      return new BaseImage(source, Optional.empty(), Digests.of(config), imageConfig, layers);
    }
  }

  /**
   * The sizes of the image in a docker-archive: its config and layer blobs (layers the archive holds uncompressed
   * count as the gzip blobs {@link #read} makes of them) and its layer tars.
   */
  public static ImageSizes sizes(BaseSource.Tar source, Path blobDirectory, String parameter) throws IOException {
    BaseImage image = read(source, blobDirectory, parameter);
    long compressed;
    try (TarFile tar = new TarFile(source.file())) {
      Map<String, TarArchiveEntry> entries = new HashMap<>();
      tar.getEntries().forEach(e -> entries.put(stripDot(e.getName()), e));
      try (InputStream in = tar.getInputStream(entries.get("manifest.json"))) {
        compressed = entries.get(stripDot(JSON.readTree(in).path(0).path("Config").asText())).getSize();
      }
    }
    long uncompressed = 0;
    for (Layer l : image.layers()) {
      compressed += l.descriptor().size();
      uncompressed += TarSizes.of(l, blobDirectory);
    }
    return new ImageSizes(image.manifestDigest(), compressed, OptionalLong.of(uncompressed));
  }

  /** A layer blob on disk: kept if already gzip, compressed once otherwise. */
  static Layer gzipLayer(Path blob, Path blobDirectory, String diffId) throws IOException {
    if (isGzip(blob)) {
      String digest = Digests.of(blob);
      Path target = blobDirectory.resolve(digest.substring(7) + ".tar.gz");
      if (!Files.exists(target)) {
        Files.move(blob, target);
      }
      return new Layer("base", new Descriptor(ImageFormat.DOCKER.layerMediaType, digest, Files.size(target)),
          diffId, -1, -1, target, true);
    }
    WrittenLayer w = ReproducibleLayerWriter.gzip(blob, blobDirectory);
    return new Layer("base", new Descriptor(ImageFormat.DOCKER.layerMediaType, w.digest(), w.compressedSize()),
        w.diffId(), w.uncompressedSize(), w.files(), w.blob(), true);
  }

  static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static byte[] readAll(TarFile tar, Map<String, TarArchiveEntry> entries, String name, Path file,
      String parameter) throws IOException {
    TarArchiveEntry e = entries.get(stripDot(name));
    if (e == null) {
      throw new InvalidParameterException(parameter, file + " lists " + name + " but lacks it.", "write the archive again.");
    }
    try (InputStream in = tar.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  private static String stripDot(String name) {
    return name.startsWith("./") ? name.substring(2) : name;
  }
}
