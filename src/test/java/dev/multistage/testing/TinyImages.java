package dev.multistage.testing;

import dev.multistage.image.Descriptor;
import dev.multistage.image.Digests;
import dev.multistage.image.Image;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.plan.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Images of one-file layers made with the model, small enough to write, push and read back in a unit test. */
public final class TinyImages {
  private TinyImages() {}

  /** A layer {@code name} whose tar holds {@code file} with {@code content}; its gzip blob is put in {@code dir}. */
  public static Layer layer(Path dir, String name, String file, byte[] content) throws IOException {
    return layer(dir, name, tar(file, content));
  }

  /** A layer {@code name} of what {@code tars} holds; its gzip blob is put in {@code dir}. */
  public static Layer layer(Path dir, String name, TestTars tars) throws IOException {
    return layer(dir, name, tars.tarBytes());
  }

  private static Layer layer(Path dir, String name, byte[] tar) throws IOException {
    byte[] gzip = gzip(tar);
    String digest = Digests.of(gzip);
    Files.createDirectories(dir);
    Path blob = dir.resolve(digest.substring("sha256:".length()) + ".tar.gz");
    Files.write(blob, gzip);
    return new Layer(name, new Descriptor(ImageFormat.DOCKER.layerMediaType, digest, gzip.length), Digests.of(tar),
        tar.length, 1, blob, false);
  }

  /** {@code layers} stacked on an empty config for {@code platform}, each with its diff_id and a history entry. */
  public static Image image(Platform platform, ImageFormat format, List<Layer> layers) {
    ImageConfig config = ImageConfig.empty(platform);
    for (Layer l : layers) {
      config = config.withLayer(l.diffId(), "test", Instant.EPOCH);
    }
    return new Image(platform, format, config, layers);
  }

  /** An uncompressed tar of one regular file, as {@code docker save} stores a layer. */
  public static byte[] tar(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      entry.setModTime(0);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }
}
