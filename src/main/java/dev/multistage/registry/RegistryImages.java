package dev.multistage.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
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
import dev.multistage.plan.PullPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pull side: resolves registry references to digests and pulls base images into the {@link BlobCache}, through
 * the {@link PullPlan}'s mirrors, then the registry itself. Manifests, configs and layers are all kept in the cache
 * under their digests, so a pinned base that is complete there needs no network at all (and offline, must be).
 */
public final class RegistryImages {
  /** The smallest OCI manifest of a base: what {@link #warmUp} reads the way a pull does. */
  private static final byte[] SAMPLE_MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + OciManifestTemplate.MANIFEST_MEDIA_TYPE
      + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":2,\"digest\":\"sha256:"
      + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[]}")
      .getBytes(StandardCharsets.UTF_8);

  /**
   * Reads a sample manifest and config the way a pull reads a base's, so the JSON classes and writes a config (some 700
   * classes, 0.3 s to load) while the build still plans: the image goal calls it on another thread as it starts.
   */
  public static void warmUp() throws IOException {
    ManifestChoice.layerMediaTypes((BuildableManifestTemplate) ManifestChoice.parseManifest(SAMPLE_MANIFEST));
    ImageConfig.parse("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{}}"
        .getBytes(StandardCharsets.UTF_8)).withUser("1001:1001").toBytes();
  }

  private final RegistryOptions options;
  private final PullRoute route;

  public RegistryImages(RegistryOptions options, BlobCache cache) {
    this(options, cache, PullPlan.direct());
  }

  public RegistryImages(RegistryOptions options, BlobCache cache, PullPlan pulls) {
    this(options, cache, new CredentialLookup(options), pulls);
  }

  RegistryImages(RegistryOptions options, BlobCache cache, CredentialLookup credentials, PullPlan pulls) {
    this.options = options;
    this.route = new PullRoute(options, cache, credentials, pulls);
  }

  /**
   * The digest {@code ref} points to: for a tag, the digest of whatever it names (a manifest list's own digest
   * when it is a list); for a pinned reference, the pin, after checking the cache holds it or the registry serves it.
   *
   * @param parameter the parameter that named {@code ref}, for messages
   */
  public String resolveDigest(BaseSource.Registry ref, String parameter) {
    return route.withSource(ref, parameter,
        source -> ManifestChoice.fetchManifest(source, ref, parameter).getDigest().toString());
  }

  /**
   * What a tag points to now.
   *
   * @param digest the digest of the manifest list / index (or the single manifest) the tag names
   * @param platforms the platforms it offers, {@code os/architecture[/variant]}, attestations left out
   */
  public record TagState(String digest, List<String> platforms) {}

  /** The digest {@code ref}'s tag points to at the registry (any pin of {@code ref} ignored), and its platforms. */
  public TagState tagState(BaseSource.Registry ref, String parameter) {
    BaseSource.Registry tag = new BaseSource.Registry(ref.registry(), ref.repository(), ref.tag(), Optional.empty(),
        ref.name());
    return route.withSource(tag, parameter, source -> {
      ManifestAndDigest<ManifestTemplate> top = ManifestChoice.fetchManifest(source, tag, parameter);
      List<String> platforms = new ArrayList<>();
      if (ManifestChoice.isList(top.getManifest())) {
        for (ManifestChoice.Entry e : ManifestChoice.entries(top.getManifest())) {
          if (e.os() != null && !"unknown".equals(e.os()) && !platforms.contains(e.os() + "/" + e.architecture())) {
            platforms.add(e.os() + "/" + e.architecture());
          }
        }
      } else {
        BuildableManifestTemplate manifest = ManifestChoice.buildable(top.getManifest(), tag, parameter);
        platforms.add(ManifestChoice.platformOf(ImageConfig.parse(Files.readAllBytes(
            source.blob(manifest.getContainerConfiguration().getDigest())))));
      }
      return new TagState(top.getDigest().toString(), platforms);
    });
  }

  /** When the pinned image {@code ref} for {@code platform} was created, from its config's {@code created}. */
  public Optional<java.time.Instant> created(BaseSource.Registry ref, Platform platform, String parameter) {
    return route.withSource(ref, parameter, source -> {
      ManifestAndDigest<ManifestTemplate> chosen = ManifestChoice.fetchManifest(source, ref, parameter);
      if (ManifestChoice.isList(chosen.getManifest())) {
        chosen = ManifestChoice.choose(source, ref, platform, parameter, ManifestChoice.entries(chosen.getManifest()));
      }
      BuildableManifestTemplate manifest = ManifestChoice.buildable(chosen.getManifest(), ref, parameter);
      var created = ImageConfig.parse(Files.readAllBytes(source.blob(manifest.getContainerConfiguration()
          .getDigest()))).json().path("created").asText("");
      try {
        return created.isEmpty() ? Optional.empty() : Optional.of(java.time.Instant.parse(created));
      } catch (java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }

  /** Pulls the image {@code ref} offers for {@code platform}: config and layer blobs land in the cache. */
  public BaseImage pull(BaseSource.Registry ref, Platform platform, String parameter) {
    return route.withSource(ref, parameter, source -> {
      ManifestAndDigest<ManifestTemplate> top = ManifestChoice.fetchManifest(source, ref, parameter);
      String resolved = top.getDigest().toString();
      ManifestAndDigest<ManifestTemplate> chosen = top;
      if (ManifestChoice.isList(top.getManifest())) {
        chosen = ManifestChoice.choose(source, ref, platform, parameter, ManifestChoice.entries(top.getManifest()));
      }
      BuildableManifestTemplate manifest = ManifestChoice.buildable(chosen.getManifest(), ref, parameter);
      byte[] configBytes = Files.readAllBytes(source.blob(manifest.getContainerConfiguration().getDigest()));
      ImageConfig config = ImageConfig.parse(configBytes);
      if (!ManifestChoice.isList(top.getManifest()) && !ManifestChoice.servesPlatform(config, platform)) {
        throw ManifestChoice.noSuchPlatform(ref, platform, parameter, List.of(ManifestChoice.platformOf(config)));
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
    return route.withSource(ref, parameter, source -> {
      ManifestAndDigest<ManifestTemplate> chosen = ManifestChoice.fetchManifest(source, ref, parameter);
      if (ManifestChoice.isList(chosen.getManifest())) {
        chosen = ManifestChoice.choose(source, ref, platform, parameter, ManifestChoice.entries(chosen.getManifest()));
      }
      BuildableManifestTemplate manifest = ManifestChoice.buildable(chosen.getManifest(), ref, parameter);
      List<String> mediaTypes = ManifestChoice.layerMediaTypes(manifest);
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

  private List<Layer> layers(PullSource source, BuildableManifestTemplate manifest, ImageConfig config,
      BaseSource.Registry ref, String parameter) throws IOException, RegistryException {
    List<String> mediaTypes = ManifestChoice.layerMediaTypes(manifest);
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

}
