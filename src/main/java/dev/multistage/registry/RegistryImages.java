package dev.multistage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import dev.multistage.image.BaseImage;
import dev.multistage.image.Descriptor;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.image.Manifest;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The pull side: resolves registry references to digests and pulls base images into the {@link BlobCache}. */
public final class RegistryImages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryOptions options;
  private final BlobCache cache;
  private final CredentialLookup credentials;

  public RegistryImages(RegistryOptions options, BlobCache cache) {
    this(options, cache, new CredentialLookup(options));
  }

  RegistryImages(RegistryOptions options, BlobCache cache, CredentialLookup credentials) {
    this.options = options;
    this.cache = cache;
    this.credentials = credentials;
  }

  /**
   * The digest {@code ref} points to: for a tag, the digest of whatever it names (a manifest list's own digest
   * when it is a list); for a pinned reference, the pin, after checking the registry serves it.
   *
   * @param parameter the parameter that named {@code ref}, for messages
   */
  public String resolveDigest(BaseSource.Registry ref, String parameter) {
    return withConnection(ref, parameter, connection -> fetchManifest(connection, ref, parameter).getDigest()
        .toString());
  }

  /** Pulls the image {@code ref} offers for {@code platform}: config and layer blobs land in the cache. */
  public BaseImage pull(BaseSource.Registry ref, Platform platform, String parameter) {
    return withConnection(ref, parameter, connection -> {
      ManifestAndDigest<ManifestTemplate> top = fetchManifest(connection, ref, parameter);
      String resolved = top.getDigest().toString();
      ManifestAndDigest<ManifestTemplate> chosen = top;
      if (isList(top.getManifest())) {
        chosen = choose(connection, ref, platform, parameter, entries(top.getManifest()));
      }
      BuildableManifestTemplate manifest = buildable(chosen.getManifest(), ref, parameter);
      byte[] configBytes = Files.readAllBytes(fetchBlob(connection, manifest.getContainerConfiguration().getDigest()));
      ImageConfig config = ImageConfig.parse(configBytes);
      if (!isList(top.getManifest()) && !servesPlatform(config, platform)) {
        throw noSuchPlatform(ref, platform, parameter, List.of(platformOf(config)));
      }
      List<Layer> layers = layers(connection, manifest, config, ref, parameter);
      options.debug().accept("Pulled " + ref.display() + " for " + platform + ": manifest "
          + chosen.getDigest() + ", " + layers.size() + " layers.");
      return new BaseImage(ref, Optional.of(resolved), chosen.getDigest().toString(), config, layers);
    });
  }

  /**
   * The manifest {@code ref} offers for {@code platform}, read without pulling a single blob: the sizes of an image
   * that is only compared with, never built on.
   */
  public Manifest manifestOnly(BaseSource.Registry ref, Platform platform, String parameter) {
    return withConnection(ref, parameter, connection -> {
      ManifestAndDigest<ManifestTemplate> chosen = fetchManifest(connection, ref, parameter);
      if (isList(chosen.getManifest())) {
        chosen = choose(connection, ref, platform, parameter, entries(chosen.getManifest()));
      }
      BuildableManifestTemplate manifest = buildable(chosen.getManifest(), ref, parameter);
      List<String> mediaTypes = layerMediaTypes(manifest);
      List<Descriptor> layers = new ArrayList<>();
      for (int i = 0; i < manifest.getLayers().size(); i++) {
        var d = manifest.getLayers().get(i);
        layers.add(new Descriptor(mediaTypes.get(i), d.getDigest().toString(), d.getSize()));
      }
      var config = manifest.getContainerConfiguration();
      ImageFormat format = manifest instanceof OciManifestTemplate ? ImageFormat.OCI : ImageFormat.DOCKER;
      return new Manifest(chosen.getDigest().toString(),
          new Descriptor(format.configMediaType, config.getDigest().toString(), config.getSize()), layers);
    });
  }

  private List<Layer> layers(RegistryConnection connection, BuildableManifestTemplate manifest, ImageConfig config,
      BaseSource.Registry ref, String parameter) throws IOException, RegistryException {
    List<String> mediaTypes = layerMediaTypes(manifest);
    List<String> diffIds = config.diffIds();
    List<BuildableManifestTemplate.ContentDescriptorTemplate> descriptors = manifest.getLayers();
    if (diffIds.size() != descriptors.size()) {
      throw new InvalidParameterException(parameter, ref.display() + " is inconsistent: its manifest lists "
          + descriptors.size() + " layers but its config has " + diffIds.size() + " diff_ids.",
          "pick another base image.");
    }
    for (String mediaType : mediaTypes) {
      if (!ImageFormat.isGzipLayer(mediaType)) {
        throw new InvalidParameterException(parameter, ref.display() + " has a layer of type " + mediaType
            + "; only gzip-compressed tar layers are supported (not zstd, uncompressed or foreign layers).",
            "pick a base image published with gzip layers.");
      }
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < descriptors.size(); i++) {
      var d = descriptors.get(i);
      Path blob = fetchBlob(connection, d.getDigest());
      layers.add(new Layer("base", new Descriptor(mediaTypes.get(i), d.getDigest().toString(), d.getSize()),
          diffIds.get(i), -1, -1, blob, true));
    }
    return layers;
  }

  private Path fetchBlob(RegistryConnection connection, DescriptorDigest digest)
      throws IOException, RegistryException {
    String value = digest.toString();
    Optional<Path> cached = cache.get(value);
    if (cached.isPresent()) {
      options.debug().accept("Blob " + value + " is cached.");
      return cached.get();
    }
    return connection.retrying("pull blob " + value, () -> cache.put(value,
        out -> connection.client.pullBlob(digest, size -> {}, written -> {}).writeTo(out)));
  }

  private ManifestAndDigest<ManifestTemplate> fetchManifest(RegistryConnection connection, BaseSource.Registry ref,
      String parameter) throws IOException, RegistryException {
    String qualifier = ref.digest().orElse(ref.tag().orElse("latest"));
    ManifestAndDigest<ManifestTemplate> m =
        connection.retrying("pull manifest " + qualifier, () -> connection.client.pullManifest(qualifier));
    if (ref.pinned() && !m.getDigest().toString().equals(ref.digest().get())) {
      throw new InvalidParameterException(parameter, "registry " + ref.registry() + " answered " + ref.display()
          + " with a manifest whose digest is " + m.getDigest() + ".",
          "check the registry (a proxy may rewrite manifests) or the pinned digest.");
    }
    return m;
  }

  private ManifestAndDigest<ManifestTemplate> choose(RegistryConnection connection, BaseSource.Registry ref,
      Platform platform, String parameter, List<Entry> entries) throws IOException, RegistryException {
    List<Entry> candidates = entries.stream().filter(e -> platform.matches(e.os(), e.architecture(), null)).toList();
    if (candidates.isEmpty()) {
      throw noSuchPlatform(ref, platform, parameter,
          entries.stream().filter(e -> !"unknown".equals(e.os())).map(e -> e.os() + "/" + e.architecture())
              .toList());
    }
    ManifestAndDigest<ManifestTemplate> first = null;
    for (Entry candidate : candidates) {
      ManifestAndDigest<ManifestTemplate> m = connection.retrying("pull manifest " + candidate.digest(),
          () -> connection.client.pullManifest(candidate.digest()));
      if (!m.getDigest().toString().equals(candidate.digest())) {
        throw new InvalidParameterException(parameter, "registry " + ref.registry() + " answered manifest "
            + candidate.digest() + " of " + ref.display() + " with different bytes (digest " + m.getDigest() + ").",
            "check the registry or proxy in between.");
      }
      // jib's list templates drop "variant"; with several entries for os/arch the config decides
      if (candidates.size() == 1 || platform.variant().isEmpty()) {
        return m;
      }
      first = first == null ? m : first;
      BuildableManifestTemplate manifest = buildable(m.getManifest(), ref, parameter);
      ImageConfig config = ImageConfig.parse(
          Files.readAllBytes(fetchBlob(connection, manifest.getContainerConfiguration().getDigest())));
      if (servesPlatform(config, platform)) {
        return m;
      }
    }
    return first;
  }

  private static boolean servesPlatform(ImageConfig config, Platform platform) {
    JsonNode variant = config.json().get("variant");
    return platform.matches(config.os().orElse(""), config.architecture().orElse(""),
        variant == null || variant.asText().isEmpty() ? null : variant.asText());
  }

  private static String platformOf(ImageConfig config) {
    JsonNode variant = config.json().get("variant");
    return config.os().orElse("?") + "/" + config.architecture().orElse("?")
        + (variant == null || variant.asText().isEmpty() ? "" : "/" + variant.asText());
  }

  private static InvalidParameterException noSuchPlatform(BaseSource.Registry ref, Platform platform,
      String parameter, List<String> offered) {
    Set<String> distinct = new LinkedHashSet<>(offered);
    return new InvalidParameterException(parameter, ref.display() + " has no " + platform + " image; it offers "
        + (distinct.isEmpty() ? "no platform at all" : String.join(", ", distinct)) + ".",
        "pick a base that is published for " + platform + ", or set <platforms> to one it offers.");
  }

  private record Entry(String digest, String os, String architecture) {}

  private static boolean isList(ManifestTemplate manifest) {
    return manifest instanceof V22ManifestListTemplate || manifest instanceof OciIndexTemplate;
  }

  private static List<Entry> entries(ManifestTemplate list) {
    List<Entry> entries = new ArrayList<>();
    if (list instanceof V22ManifestListTemplate docker) {
      for (var m : docker.getManifests()) {
        var p = m.getPlatform();
        entries.add(new Entry(m.getDigest(), p == null ? null : p.getOs(), p == null ? null : p.getArchitecture()));
      }
    } else if (list instanceof OciIndexTemplate oci) {
      for (var m : oci.getManifests()) {
        var p = m.getPlatform();
        entries.add(new Entry(m.getDigest().toString(), p == null ? null : p.getOs(),
            p == null ? null : p.getArchitecture()));
      }
    }
    return entries;
  }

  private static BuildableManifestTemplate buildable(ManifestTemplate manifest, BaseSource.Registry ref,
      String parameter) {
    if (manifest instanceof BuildableManifestTemplate b) {
      return b;
    }
    throw new InvalidParameterException(parameter, ref.display() + " uses manifest format "
        + manifest.getManifestMediaType() + " (schema " + manifest.getSchemaVersion() + "), which is not supported.",
        "pick a base image published as a Docker v2.2 or OCI manifest.");
  }

  /** jib's descriptor template keeps the layer media type but has no getter; its JSON form has it. */
  private static List<String> layerMediaTypes(BuildableManifestTemplate manifest) throws IOException {
    JsonNode json = JSON.readTree(JsonTemplateMapper.toUtf8String(manifest));
    List<String> types = new ArrayList<>();
    for (JsonNode layer : json.path("layers")) {
      types.add(layer.path("mediaType").asText(""));
    }
    return types;
  }

  @FunctionalInterface
  private interface WithConnection<T> {
    T run(RegistryConnection connection) throws IOException, RegistryException;
  }

  private <T> T withConnection(BaseSource.Registry ref, String parameter, WithConnection<T> work) {
    CredentialLookup.Login login = credentials.find(ref.registry(), ref.repository());
    RegistryFailure failure = new RegistryFailure(parameter, ref.registry(), ref.repository(), ref.display(), "pull",
        options.allowInsecure());
    try (RegistryConnection connection =
        RegistryConnection.open(options, login, ref.registry(), ref.repository(), false, null)) {
      return work.run(connection);
    } catch (IOException | RegistryException e) {
      throw failure.explain(e, login);
    }
  }

  static DescriptorDigest digest(String value) {
    try {
      return DescriptorDigest.fromDigest(value);
    } catch (DigestException e) {
      throw new IllegalArgumentException("not a sha256 digest: " + value, e);
    }
  }
}
