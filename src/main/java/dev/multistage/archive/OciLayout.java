package dev.multistage.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.image.BaseImage;
import dev.multistage.image.Descriptor;
import dev.multistage.image.Image;
import dev.multistage.image.ImageDestination;
import dev.multistage.image.ImageIndex;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.ImageSizes;
import dev.multistage.image.Layer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The OCI image layout: read as a base ({@code oci:dir}), written as a directory or as an OCI archive tar. */
public final class OciLayout {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final byte[] LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private OciLayout() {}

  /** An OCI image layout packed in one tar file ({@code tag} names its image); it holds one platform. */
  public static ImageDestination archive(Path file, String tag) {
    return new ImageDestination() {
      @Override
      public void write(Image image) throws IOException {
        writeArchive(image, tag, file);
      }

      @Override
      public void write(ImageIndex index) {
        throw new IllegalArgumentException("an OCI archive here holds one platform; write an index to a directory");
      }
    };
  }

  /** An OCI image layout directory, its image or index named {@code tag}. */
  public static ImageDestination directory(Path dir, String tag) {
    return new ImageDestination() {
      @Override
      public void write(Image image) throws IOException {
        writeDirectory(image, tag, dir);
      }

      @Override
      public void write(ImageIndex index) throws IOException {
        writeIndexDirectory(index, tag, dir);
      }
    };
  }

  /** Writes {@code image} as an OCI archive (a tar of the layout), its manifest named {@code tag}. */
  public static void writeArchive(Image image, String tag, Path file) throws IOException {
    try (ArchiveWriter tar = new ArchiveWriter(file)) {
      tar.bytes("oci-layout", LAYOUT);
      tar.bytes("index.json", index(image, tag));
      tar.directory("blobs");
      tar.directory("blobs/sha256");
      List<String> written = new ArrayList<>();
      tar.bytes("blobs/sha256/" + image.configDescriptor().hex(), image.configBytes());
      for (Layer l : image.layers()) {
        if (!written.contains(l.descriptor().hex())) {
          tar.file("blobs/sha256/" + l.descriptor().hex(), l.blob());
          written.add(l.descriptor().hex());
        }
      }
      tar.bytes("blobs/sha256/" + image.manifestDescriptor().hex(), image.manifestBytes());
    }
  }

  /** Writes {@code image} as an OCI layout directory (created if missing), its manifest named {@code tag}. */
  public static void writeDirectory(Image image, String tag, Path dir) throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.write(blobs.resolve(image.configDescriptor().hex()), image.configBytes());
    for (Layer l : image.layers()) {
      Path target = blobs.resolve(l.descriptor().hex());
      if (!Files.exists(target)) {
        Files.copy(l.blob(), target);
      }
    }
    Files.write(blobs.resolve(image.manifestDescriptor().hex()), image.manifestBytes());
    Files.write(dir.resolve("oci-layout"), LAYOUT);
    Files.write(dir.resolve("index.json"), index(image, tag));
  }

  /**
   * Writes every platform of {@code index} and the list itself as an OCI layout directory: the layout's
   * {@code index.json} names the list {@code tag}, the list's blob names each platform's manifest.
   */
  public static void writeIndexDirectory(ImageIndex index, String tag, Path dir) throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    for (Image image : index.images()) {
      writeDirectory(image, tag, dir);
    }
    Descriptor list = index.descriptor();
    Files.write(blobs.resolve(list.hex()), index.bytes());
    ObjectNode top = JSON.createObjectNode();
    top.put("schemaVersion", 2);
    top.put("mediaType", ImageFormat.OCI.indexMediaType);
    ObjectNode entry = top.putArray("manifests").addObject();
    entry.put("mediaType", list.mediaType()).put("digest", list.digest()).put("size", list.size());
    entry.putObject("annotations").put(REF_NAME, tag);
    Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(top));
  }

  /** Reads back what {@link #writeIndexDirectory} wrote, as the same index (same digests). */
  public static ImageIndex readIndexDirectory(Path dir, Path blobDirectory, String parameter) throws IOException {
    JsonNode top = JSON.readTree(dir.resolve("index.json").toFile());
    JsonNode entry = top.path("manifests").path(0);
    ImageFormat format = entry.path("mediaType").asText().equals(ImageFormat.DOCKER.indexMediaType)
        ? ImageFormat.DOCKER : ImageFormat.OCI;
    JsonNode list = new LayoutBlobs(dir, parameter).json(entry.path("digest").asText());
    List<Image> images = new ArrayList<>();
    for (JsonNode m : list.path("manifests")) {
      Platform platform = new Platform(m.path("platform").path("os").asText(),
          m.path("platform").path("architecture").asText(), Optional.empty());
      BaseImage read = read(new BaseSource.OciLayout(dir, Optional.empty()), m.path("digest").asText(), platform,
          blobDirectory, parameter);
      images.add(new Image(platform, format, read.config(), read.layers()));
    }
    ImageIndex index = new ImageIndex(format, images);
    if (!index.descriptor().digest().equals(entry.path("digest").asText())) {
      throw new InvalidParameterException(parameter, dir + " does not read back to the list it holds ("
          + entry.path("digest").asText() + ").", "run mvn package again.");
    }
    return index;
  }

  private static byte[] index(Image image, String tag) throws IOException {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", ImageFormat.OCI.indexMediaType);
    Descriptor m = image.manifestDescriptor();
    ObjectNode entry = index.putArray("manifests").addObject();
    entry.put("mediaType", m.mediaType()).put("digest", m.digest()).put("size", m.size());
    entry.putObject("annotations").put(REF_NAME, tag);
    entry.putObject("platform").put("os", image.platform().os()).put("architecture", image.platform().architecture());
    return JSON.writeValueAsBytes(index);
  }

  /**
   * Reads the image for {@code platform} from an OCI layout: the manifest named by the source's tag, else the only
   * one, else the one for the platform (nested indexes are followed).
   */
  public static BaseImage read(BaseSource.OciLayout source, Platform platform, Path blobDirectory, String parameter)
      throws IOException {
    Path dir = source.directory();
    Path indexFile = dir.resolve("index.json");
    if (!Files.isRegularFile(indexFile) || !Files.isReadable(indexFile)) {
      throw new InvalidParameterException(parameter, dir + " is not a readable OCI image layout (no index.json).",
          "point oci: at a directory written by skopeo copy … oci:<dir>, umoci or buildah push … oci:<dir>.");
    }
    JsonNode index = JSON.readTree(indexFile.toFile());
    List<JsonNode> candidates = new ArrayList<>();
    index.path("manifests").forEach(candidates::add);
    if (source.tag().isPresent()) {
      String tag = source.tag().get();
      candidates = candidates.stream().filter(m -> tag.equals(m.path("annotations").path(REF_NAME).asText())).toList();
      if (candidates.isEmpty()) {
        throw new InvalidParameterException(parameter, dir + " has no manifest named '" + tag + "'.",
            "use one of the names in its index.json, or leave the name out when it holds one image.");
      }
    }
    JsonNode chosen = LayoutManifestChoice.choose(new LayoutBlobs(dir, parameter), candidates, platform,
        source.display());
    return read(source, chosen.path("digest").asText(), platform, blobDirectory, parameter);
  }

  /** The image whose manifest is blob {@code manifestDigest} of the layout. */
  private static BaseImage read(BaseSource.OciLayout source, String manifestDigest, Platform platform,
      Path blobDirectory, String parameter) throws IOException {
    LayoutBlobs blobs = new LayoutBlobs(source.directory(), parameter);
    JsonNode manifest = blobs.json(manifestDigest);
    byte[] config = blobs.bytes(manifest.path("config").path("digest").asText());
    ImageConfig imageConfig = ImageConfig.parse(config);
    List<String> diffIds = imageConfig.diffIds();
    List<Layer> layers = new ArrayList<>();
    int i = 0;
    for (JsonNode l : manifest.path("layers")) {
      String mediaType = l.path("mediaType").asText();
      String digest = l.path("digest").asText();
      Path file = blobs.path(digest);
      String diffId = i < diffIds.size() ? diffIds.get(i) : null;
      if (ImageFormat.isGzipLayer(mediaType)) {
        layers.add(new Layer("base", new Descriptor(mediaType, digest, l.path("size").asLong()), diffId, -1, -1, file,
            true));
      } else if (ImageFormat.isTarLayer(mediaType)) {
        Files.createDirectories(blobDirectory);
        Path copy = Files.createTempFile(blobDirectory, "layer", ".tmp");
        try {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
          layers.add(DockerArchive.gzipLayer(copy, blobDirectory, diffId));
        } finally {
          Files.deleteIfExists(copy);
        }
      } else {
        throw new InvalidParameterException(parameter, source.display() + " has a layer of type " + mediaType
            + ", which this plugin cannot reuse.", "use a base whose layers are gzip-compressed tars.");
      }
      i++;
    }
    return new BaseImage(source, Optional.of(manifestDigest), manifestDigest, imageConfig, layers);
  }

  /**
   * The sizes of the image {@link #read} would pick: compressed as the layout's manifest lists its blobs, uncompressed
   * by reading the layer blobs.
   */
  public static ImageSizes sizes(BaseSource.OciLayout source, Platform platform, Path blobDirectory, String parameter)
      throws IOException {
    BaseImage image = read(source, platform, blobDirectory, parameter);
    JsonNode manifest = new LayoutBlobs(source.directory(), parameter).json(image.manifestDigest());
    long compressed = manifest.path("config").path("size").asLong();
    for (JsonNode l : manifest.path("layers")) {
      compressed += l.path("size").asLong();
    }
    long uncompressed = 0;
    for (Layer l : image.layers()) {
      uncompressed += TarSizes.of(l, blobDirectory);
    }
    return new ImageSizes(image.manifestDigest(), compressed, OptionalLong.of(uncompressed));
  }
}
