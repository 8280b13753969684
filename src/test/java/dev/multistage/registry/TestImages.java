package dev.multistage.registry;

import dev.multistage.image.Digests;
import dev.multistage.image.Image;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.plan.Platform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.Processes;
import dev.multistage.testing.TinyImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import java.util.List;

/** Tiny images made with the model, and raw manifest uploads for what {@link RegistrySink} does not push. */
final class TestImages {
  private TestImages() {}

  /** A one-layer image for {@code platform} whose layer holds {@code /hello.txt} with {@code content}. */
  static Image image(Path dir, Platform platform, String content) throws IOException {
    Layer layer = TinyImages.layer(dir, "app", "hello.txt", content.getBytes(StandardCharsets.UTF_8));
    return TinyImages.image(platform, ImageFormat.DOCKER, List.of(layer));
  }

  /** A two-layer image: a small text layer, then a layer of {@code randomBytes} incompressible bytes. */
  static Image twoLayerImage(Path dir, int randomBytes) throws IOException {
    byte[] random = new byte[randomBytes];
    new java.util.Random(42).nextBytes(random);
    Layer small = TinyImages.layer(dir, "app", "hello.txt", "two layers".getBytes(StandardCharsets.UTF_8));
    Layer big = TinyImages.layer(dir, "data", "data.bin", random);
    return TinyImages.image(Platform.LINUX_AMD64, ImageFormat.DOCKER, List.of(small, big));
  }

  /** The HTTP status of {@code GET /v2/<repository>/manifests/<tag>} on a TLS registry with basic auth. */
  static int manifestStatus(LoopbackRegistry registry, String repository, String tag, String user, String password)
      throws IOException {
    HttpRequest get = HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/manifests/" + tag))
        .header("Accept", ImageFormat.DOCKER.manifestMediaType)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .GET().build();
    try {
      return HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * Pulls {@code repoTag} with skopeo into an OCI layout (skopeo checks every blob's digest as it copies), then
   * checks again that each blob file hashes to its name and that the manifest is {@code expected}'s.
   */
  static void assertPullsIntact(LoopbackRegistry registry, String repoTag, String user, String password, Path layout,
      Image expected) throws IOException {
    Path certs = Files.createDirectories(layout.resolveSibling(layout.getFileName() + "-certs"));
    Files.copy(registry.caCertificate(), certs.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
    Processes.check(Duration.ofMinutes(2), List.of("skopeo", "copy", "--quiet", "--src-cert-dir", certs.toString(),
        "--src-creds", user + ":" + password, "docker://" + registry.hostPort() + "/" + repoTag,
        "oci:" + layout + ":pulled"));
    try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
      for (Path blob : blobs.toList()) {
        assertEquals("sha256:" + blob.getFileName(), Digests.of(blob), "blob " + blob + " is damaged");
      }
    }
    String served = Processes.check(Duration.ofMinutes(1), List.of("skopeo", "inspect", "--cert-dir",
        certs.toString(), "--creds", user + ":" + password, "--format", "{{.Digest}}",
        "docker://" + registry.hostPort() + "/" + repoTag)).lastLine();
    assertEquals(expected.manifestDescriptor().digest(), served, "the tag points at the pushed image");
    // skopeo rewrites manifest and config as OCI for an oci: layout; the layers are the pushed bytes
    for (Layer l : expected.layers()) {
      assertTrue(Files.exists(layout.resolve("blobs/sha256").resolve(l.descriptor().hex())), l.descriptor().digest());
    }
  }

  /**
   * Checks, over plain HTTP straight to the registry, that {@code repository:tag} is {@code expected} whole: the
   * manifest's bytes have its digest, and every blob it names is served with the bytes of its digest.
   */
  static void assertLandedComplete(String hostPort, String repository, String tag, Image expected)
      throws IOException {
    byte[] manifest = get(hostPort, "/v2/" + repository + "/manifests/" + tag, expected.manifestDescriptor()
        .mediaType());
    assertEquals(expected.manifestDescriptor().digest(), Digests.of(manifest), repository + ":" + tag);
    List<String> blobs = new java.util.ArrayList<>(expected.layers().stream().map(l -> l.descriptor().digest())
        .toList());
    blobs.add(expected.configDescriptor().digest());
    for (String digest : blobs) {
      assertEquals(digest, Digests.of(get(hostPort, "/v2/" + repository + "/blobs/" + digest, "*/*")),
          "blob " + digest + " of " + repository + ":" + tag);
    }
  }

  private static byte[] get(String hostPort, String path, String accept) throws IOException {
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + hostPort + path)).header("Accept", accept)
        .GET().build();
    try {
      HttpResponse<byte[]> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
          .send(get, HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, response.statusCode(), "GET " + path);
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
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
}
