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
import dev.multistage.image.ImageConfig;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which manifest a pull uses: reads manifests by schema and media type as jib's own puller does, checks a pinned
 * digest, and picks a manifest list's entry for the requested platform, naming what it offers when none fits.
 */
final class ManifestChoice {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestChoice() {}

  static ManifestAndDigest<ManifestTemplate> fetchManifest(PullSource source, BaseSource.Registry ref,
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

  static ManifestAndDigest<ManifestTemplate> choose(PullSource source, BaseSource.Registry ref,
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

  static boolean servesPlatform(ImageConfig config, Platform platform) {
    JsonNode variant = config.json().get("variant");
    return platform.matches(config.os().orElse(""), config.architecture().orElse(""),
        variant == null || variant.asText().isEmpty() ? null : variant.asText());
  }

  static String platformOf(ImageConfig config) {
    JsonNode variant = config.json().get("variant");
    return config.os().orElse("?") + "/" + config.architecture().orElse("?")
        + (variant == null || variant.asText().isEmpty() ? "" : "/" + variant.asText());
  }

  static InvalidParameterException noSuchPlatform(BaseSource.Registry ref, Platform platform,
      String parameter, List<String> offered) {
    Set<String> distinct = new LinkedHashSet<>(offered);
    return new InvalidParameterException(parameter, ref.display() + " has no " + platform + " image; it offers "
        + (distinct.isEmpty() ? "no platform at all" : String.join(", ", distinct)) + ".",
        "pick a base that is published for " + platform + ", or set <platforms> to one it offers.");
  }

  record Entry(String digest, String os, String architecture) {}

  static boolean isList(ManifestTemplate manifest) {
    return manifest instanceof V22ManifestListTemplate || manifest instanceof OciIndexTemplate;
  }

  static List<Entry> entries(ManifestTemplate list) {
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

  static BuildableManifestTemplate buildable(ManifestTemplate manifest, BaseSource.Registry ref,
      String parameter) {
    if (manifest instanceof BuildableManifestTemplate b) {
      return b;
    }
    throw new InvalidParameterException(parameter, ref.display() + " uses manifest format "
        + manifest.getManifestMediaType() + " (schema " + manifest.getSchemaVersion() + "), which is not supported.",
        "pick a base image published as a Docker v2.2 or OCI manifest.");
  }

  /** jib's descriptor template keeps the layer media type but has no getter; its JSON form has it. */
  static List<String> layerMediaTypes(BuildableManifestTemplate manifest) throws IOException {
    JsonNode json = JSON.readTree(JsonTemplateMapper.toUtf8String(manifest));
    List<String> types = new ArrayList<>();
    for (JsonNode layer : json.path("layers")) {
      types.add(layer.path("mediaType").asText(""));
    }
    return types;
  }

  /** The manifest template its bytes hold, chosen by schema and media type as jib's own puller does. */
  static ManifestTemplate parseManifest(byte[] bytes) throws IOException {
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
