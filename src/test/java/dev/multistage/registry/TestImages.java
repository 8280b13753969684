package dev.multistage.registry;

import dev.multistage.image.Descriptor;
import dev.multistage.image.Digests;
import dev.multistage.image.Image;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.plan.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Tiny images made with the model, and raw manifest uploads for what {@link RegistrySink} does not push. */
final class TestImages {
  private TestImages() {}

  /** A one-layer image for {@code platform} whose layer holds {@code /hello.txt} with {@code content}. */
  static Image image(Path dir, Platform platform, String content) throws IOException {
    byte[] tar = tar("hello.txt", content.getBytes(StandardCharsets.UTF_8));
    byte[] gzip = gzip(tar);
    String digest = Digests.of(gzip);
    Files.createDirectories(dir);
    Path blob = dir.resolve(digest.substring("sha256:".length()) + ".tar.gz");
    Files.write(blob, gzip);
    Layer layer = new Layer("app", new Descriptor(ImageFormat.DOCKER.layerMediaType, digest, gzip.length),
        Digests.of(tar), tar.length, 1, blob, false);
    ImageConfig config = ImageConfig.empty(platform).withLayer(layer.diffId(), "test", Instant.EPOCH);
    return new Image(platform, ImageFormat.DOCKER, config, List.of(layer));
  }

  /** PUTs a Docker manifest list of {@code images} as {@code repository:tag}; returns the list's digest. */
  static String putManifestList(String hostPort, String repository, String tag, List<Image> images)
      throws IOException {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(ImageFormat.DOCKER.indexMediaType).append("\",\"manifests\":[");
    for (int i = 0; i < images.size(); i++) {
      Image image = images.get(i);
      Platform p = image.platform();
      json.append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"").append(image.manifestDescriptor().mediaType())
          .append("\",\"size\":").append(image.manifestDescriptor().size())
          .append(",\"digest\":\"").append(image.manifestDescriptor().digest())
          .append("\",\"platform\":{\"architecture\":\"").append(p.architecture())
          .append("\",\"os\":\"").append(p.os()).append('"')
          .append(p.variant().map(v -> ",\"variant\":\"" + v + "\"").orElse(""))
          .append("}}");
    }
    json.append("]}");
    return putManifest(hostPort, repository, tag, ImageFormat.DOCKER.indexMediaType,
        json.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** PUTs raw manifest bytes; returns their digest. */
  static String putManifest(String hostPort, String repository, String tag, String mediaType, byte[] manifest)
      throws IOException {
    HttpRequest put = HttpRequest.newBuilder(URI.create("http://" + hostPort + "/v2/" + repository + "/manifests/"
            + tag))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
        .build();
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IOException("PUT manifest gave HTTP " + response.statusCode() + ": " + response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return Digests.of(manifest);
  }

  private static byte[] tar(String name, byte[] content) throws IOException {
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

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }
}
