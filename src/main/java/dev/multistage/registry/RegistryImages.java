package dev.multistage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.image.json.V21ManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import dev.multistage.image.BaseImage;
import dev.multistage.image.Descriptor;
import dev.multistage.image.Digests;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.image.Manifest;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
import dev.multistage.plan.Platform;
import dev.multistage.plan.PullPlan;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pull side: resolves registry references to digests and pulls base images into the {@link BlobCache}, through
 * the {@link PullPlan}'s mirrors, then the registry itself. Manifests, configs and layers are all kept in the cache
 * under their digests, so a pinned base that is complete there needs no network at all (and offline, must be).
 */
public final class RegistryImages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryOptions options;
  private final BlobCache cache;
  private final CredentialLookup credentials;
  private final PullPlan pulls;
  // mirrors that could not be reached are skipped, and named in a warning, only once per build
  private final Set<String> unreachableMirrors = ConcurrentHashMap.newKeySet();

  public RegistryImages(RegistryOptions options, BlobCache cache) {
    this(options, cache, PullPlan.direct());
  }

  public RegistryImages(RegistryOptions options, BlobCache cache, PullPlan pulls) {
    this(options, cache, new CredentialLookup(options), pulls);
  }

  RegistryImages(RegistryOptions options, BlobCache cache, CredentialLookup credentials, PullPlan pulls) {
    this.options = options;
    this.cache = cache;
    this.credentials = credentials;
    this.pulls = pulls;
  }

  /**
   * The digest {@code ref} points to: for a tag, the digest of whatever it names (a manifest list's own digest
   * when it is a list); for a pinned reference, the pin, after checking the cache holds it or the registry serves it.
   *
   * @param parameter the parameter that named {@code ref}, for messages
   */
  public String resolveDigest(BaseSource.Registry ref, String parameter) {
    return withSource(ref, parameter, source -> fetchManifest(source, ref, parameter).getDigest().toString());
  }

  /** Pulls the image {@code ref} offers for {@code platform}: config and layer blobs land in the cache. */
  public BaseImage pull(BaseSource.Registry ref, Platform platform, String parameter) {
    return withSource(ref, parameter, source -> {
      ManifestAndDigest<ManifestTemplate> top = fetchManifest(source, ref, parameter);
      String resolved = top.getDigest().toString();
      ManifestAndDigest<ManifestTemplate> chosen = top;
      if (isList(top.getManifest())) {
        chosen = choose(source, ref, platform, parameter, entries(top.getManifest()));
      }
      BuildableManifestTemplate manifest = buildable(chosen.getManifest(), ref, parameter);
      byte[] configBytes = Files.readAllBytes(source.blob(manifest.getContainerConfiguration().getDigest()));
      ImageConfig config = ImageConfig.parse(configBytes);
      if (!isList(top.getManifest()) && !servesPlatform(config, platform)) {
        throw noSuchPlatform(ref, platform, parameter, List.of(platformOf(config)));
      }
      List<Layer> layers = layers(source, manifest, config, ref, parameter);
      options.debug().accept("Pulled " + ref.display() + " for " + platform + " from " + source.describe()
          + ": manifest " + chosen.getDigest() + ", " + layers.size() + " layers.");
      return new BaseImage(ref, Optional.of(resolved), chosen.getDigest().toString(), config, layers);
    });
  }

  /**
   * The manifest {@code ref} offers for {@code platform}, read without pulling a single blob: the sizes of an image
   * that is only compared with, never built on.
   */
  public Manifest manifestOnly(BaseSource.Registry ref, Platform platform, String parameter) {
    return withSource(ref, parameter, source -> {
      ManifestAndDigest<ManifestTemplate> chosen = fetchManifest(source, ref, parameter);
      if (isList(chosen.getManifest())) {
        chosen = choose(source, ref, platform, parameter, entries(chosen.getManifest()));
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

  private List<Layer> layers(Source source, BuildableManifestTemplate manifest, ImageConfig config,
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
      Path blob = source.blob(d.getDigest());
      layers.add(new Layer("base", new Descriptor(mediaTypes.get(i), d.getDigest().toString(), d.getSize()),
          diffIds.get(i), -1, -1, blob, true));
    }
    return layers;
  }

  private static ManifestAndDigest<ManifestTemplate> fetchManifest(Source source, BaseSource.Registry ref,
      String parameter) throws IOException, RegistryException {
    String qualifier = ref.digest().orElse(ref.tag().orElse("latest"));
    ManifestAndDigest<ManifestTemplate> m = source.manifest(qualifier);
    if (ref.pinned() && !m.getDigest().toString().equals(ref.digest().get())) {
      throw new InvalidParameterException(parameter, source.describe() + " answered " + ref.display()
          + " with a manifest whose digest is " + m.getDigest() + ".",
          "check the registry (a proxy may rewrite manifests) or the pinned digest.");
    }
    return m;
  }

  private ManifestAndDigest<ManifestTemplate> choose(Source source, BaseSource.Registry ref,
      Platform platform, String parameter, List<Entry> entries) throws IOException, RegistryException {
    List<Entry> candidates = entries.stream().filter(e -> platform.matches(e.os(), e.architecture(), null)).toList();
    if (candidates.isEmpty()) {
      throw noSuchPlatform(ref, platform, parameter,
          entries.stream().filter(e -> !"unknown".equals(e.os())).map(e -> e.os() + "/" + e.architecture())
              .toList());
    }
    ManifestAndDigest<ManifestTemplate> first = null;
    for (Entry candidate : candidates) {
      ManifestAndDigest<ManifestTemplate> m = source.manifest(candidate.digest());
      if (!m.getDigest().toString().equals(candidate.digest())) {
        throw new InvalidParameterException(parameter, source.describe() + " answered manifest "
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
          Files.readAllBytes(source.blob(manifest.getContainerConfiguration().getDigest())));
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

  /** Where one pull's manifests and blobs come from: a registry (origin or mirror), or the cache alone. */
  private interface Source {
    /** The manifest {@code qualifier} names, its digest computed from its bytes. */
    ManifestAndDigest<ManifestTemplate> manifest(String qualifier) throws IOException, RegistryException;

    /** The blob in the cache, fetched first when it is not there. */
    Path blob(DescriptorDigest digest) throws IOException, RegistryException;

    /** {@code registry 127.0.0.1:5000}, {@code mirror …}, {@code the local cache}, for messages. */
    String describe();
  }

  /** A registry: every manifest it sends is kept in the cache under its digest, every blob is verified there. */
  private final class RegistrySource implements Source {
    private final RegistryConnection connection;
    private final String description;

    RegistrySource(RegistryConnection connection, String description) {
      this.connection = connection;
      this.description = description;
    }

    @Override
    public ManifestAndDigest<ManifestTemplate> manifest(String qualifier) throws IOException, RegistryException {
      byte[] bytes = connection.retrying("pull manifest " + qualifier,
          () -> connection.pullManifestBytes(qualifier));
      String digest = Digests.of(bytes);
      cache.put(digest, out -> out.write(bytes));
      return new ManifestAndDigest<>(parseManifest(bytes), digest(digest));
    }

    @Override
    public Path blob(DescriptorDigest digest) throws IOException, RegistryException {
      String value = digest.toString();
      Optional<Path> cached = cache.get(value);
      if (cached.isPresent()) {
        options.debug().accept("Blob " + value + " is cached.");
        return cached.get();
      }
      // put runs the download only when no other build (thread or JVM) has stored the blob meanwhile
      return connection.retrying("pull blob " + value, () -> cache.put(value,
          out -> connection.client.pullBlob(digest, size -> {}, written -> {}).writeTo(out)));
    }

    @Override
    public String describe() {
      return description;
    }
  }

  /** The cache alone; whatever is missing ends the attempt with {@link NotCached}. */
  private final class CacheSource implements Source {
    @Override
    public ManifestAndDigest<ManifestTemplate> manifest(String qualifier) throws IOException {
      if (!Digests.isSha256(qualifier)) {
        throw new NotCached("tag " + qualifier);
      }
      return new ManifestAndDigest<>(parseManifest(Files.readAllBytes(cached(qualifier, "manifest"))),
          digest(qualifier));
    }

    @Override
    public Path blob(DescriptorDigest digest) throws IOException {
      return cached(digest.toString(), "blob");
    }

    private Path cached(String digest, String what) throws IOException {
      return cache.get(digest).orElseThrow(() -> new NotCached(what + " " + digest));
    }

    @Override
    public String describe() {
      return "the local cache";
    }
  }

  private static final class NotCached extends IOException {
    NotCached(String what) {
      super(what + " is not in the cache");
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Source source) throws IOException, RegistryException;
  }

  /**
   * Runs {@code work} on the first source that can do it all: the cache for a pinned reference, then (online) each
   * mirror of the registry in order, then the registry itself. A failing mirror is logged, not an error.
   */
  private <T> T withSource(BaseSource.Registry ref, String parameter, Work<T> work) {
    if (ref.pinned() || pulls.offline()) {
      Optional<T> cached = fromCache(ref, parameter, work);
      if (cached.isPresent()) {
        return cached.get();
      }
    }
    String origin = ref.registry();
    for (String mirror : pulls.mirrorsOf(origin)) {
      if (unreachableMirrors.contains(mirror)) {
        continue;
      }
      int slash = mirror.indexOf('/');
      String host = slash < 0 ? mirror : mirror.substring(0, slash);
      String repository = slash < 0 ? ref.repository() : mirror.substring(slash + 1) + "/" + ref.repository();
      try {
        T result = onRegistry(host, repository, "mirror " + mirror, ref, parameter, work);
        served(ref, "mirror " + mirror + " of " + origin);
        return result;
      } catch (InvalidParameterException | UnavailableException e) {
        if (isUnreachable(e)) {
          unreachableMirrors.add(mirror);
        }
        options.info().accept("Mirror " + mirror + " of " + origin + " could not serve " + ref.display() + " ("
            + e.getMessage().replaceFirst("^<[^>]*>: ", "").replaceFirst(" Fix: .*$", "").replaceFirst("\\.$", "")
            + (isUnreachable(e) ? "); skipping it for the rest of this build." : "); trying the next source."));
      }
    }
    T result = onRegistry(origin, ref.repository(), "registry " + origin, ref, parameter, work);
    served(ref, "registry " + origin);
    return result;
  }

  /** Which source served a base: shown when there was a choice (mirrors, offline), else only with -X. */
  private void served(BaseSource.Registry ref, String source) {
    (pulls.offline() || !pulls.mirrorsOf(ref.registry()).isEmpty() ? options.info() : options.debug())
        .accept("Base " + ref.display() + " from " + source + ".");
  }

  private static boolean isUnreachable(Throwable e) {
    return Causes.of(e).stream().anyMatch(t -> t instanceof ConnectException || t instanceof UnknownHostException
        || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException);
  }

  /** Offline, the cache must hold everything; online, an incomplete cache just means "pull it". */
  private <T> Optional<T> fromCache(BaseSource.Registry ref, String parameter, Work<T> work) {
    if (pulls.offline() && !ref.pinned()) {
      throw new InvalidParameterException(parameter, "Maven is offline (-o), and the tag of '" + ref.display()
          + "' cannot be resolved without the registry.",
          "pin the base by digest (" + ref.name() + "@sha256:…), or build without -o.");
    }
    try {
      T result = work.run(new CacheSource());
      served(ref, "the local cache " + cache.directory());
      return Optional.of(result);
    } catch (NotCached e) {
      if (pulls.offline()) {
        throw new InvalidParameterException(parameter, "Maven is offline (-o), and " + ref.display()
            + " is not complete in the local base cache " + cache.directory() + " (" + e.getMessage() + ").",
            "run the build once online (without -o) to fill the cache, then build offline.");
      }
      options.debug().accept("Base " + ref.display() + " is not complete in the cache (" + e.getMessage() + ").");
      return Optional.empty();
    } catch (IOException | RegistryException e) {
      throw new InvalidParameterException(parameter, "the local base cache " + cache.directory() + " could not be "
          + "read for " + ref.display() + ": " + e.getMessage(), "check the cacheDirectory's permissions.", e);
    }
  }

  private <T> T onRegistry(String registry, String repository, String description, BaseSource.Registry ref,
      String parameter, Work<T> work) {
    CredentialLookup.Login login = credentials.find(registry, repository);
    RegistryFailure failure = new RegistryFailure(parameter, registry, repository, ref.display(), "pull",
        options.allowInsecure());
    try (RegistryConnection connection =
        RegistryConnection.open(options, login, registry, repository, false, null)) {
      return work.run(new RegistrySource(connection, description));
    } catch (IOException | RegistryException e) {
      throw failure.explain(e, login);
    }
  }

  /** The manifest template its bytes hold, chosen by schema and media type as jib's own puller does. */
  private static ManifestTemplate parseManifest(byte[] bytes) throws IOException {
    JsonNode json = JSON.readTree(bytes);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int schema = json.path("schemaVersion").asInt(-1);
    String mediaType = json.path("mediaType").asText("");
    if (schema == 1) {
      return JsonTemplateMapper.readJson(text, V21ManifestTemplate.class);
    }
    if (schema != 2) {
      throw new IOException("a manifest of unknown schema version " + json.path("schemaVersion"));
    }
    return switch (mediaType) {
      case V22ManifestTemplate.MANIFEST_MEDIA_TYPE -> JsonTemplateMapper.readJson(text, V22ManifestTemplate.class);
      case V22ManifestListTemplate.MANIFEST_MEDIA_TYPE ->
          JsonTemplateMapper.readJson(text, V22ManifestListTemplate.class);
      case OciIndexTemplate.MEDIA_TYPE -> JsonTemplateMapper.readJson(text, OciIndexTemplate.class);
      default -> json.has("manifests")
          ? JsonTemplateMapper.readJson(text, OciIndexTemplate.class)
          : JsonTemplateMapper.readJson(text, OciManifestTemplate.class);
    };
  }

  static DescriptorDigest digest(String value) {
    try {
      return DescriptorDigest.fromDigest(value);
    } catch (DigestException e) {
      throw new IllegalArgumentException("not a sha256 digest: " + value, e);
    }
  }
}
