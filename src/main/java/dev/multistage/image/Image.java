package dev.multistage.image;

import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import dev.multistage.plan.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A finished single-platform image: its config, its layers (base first) and the manifest that ties them together.
 * Immutable; the manifest bytes are computed once so every sink writes and pushes the same digest.
 */
public final class Image {
  private final Platform platform;
  private final ImageFormat format;
  private final byte[] config;
  private final List<Layer> layers;
  private final byte[] manifest;

  public Image(Platform platform, ImageFormat format, ImageConfig config, List<Layer> layers) {
    this.platform = platform;
    this.format = format;
    this.config = config.toBytes();
    this.layers = layers.stream().map(l -> l.as(format)).toList();
    try {
      this.manifest = JsonTemplateMapper.toByteArray(manifestTemplate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Platform platform() {
    return platform;
  }

  public ImageFormat format() {
    return format;
  }

  public byte[] configBytes() {
    return config.clone();
  }

  public ImageConfig config() {
    return ImageConfig.parse(config);
  }

  public Descriptor configDescriptor() {
    return new Descriptor(format.configMediaType, Digests.of(config), config.length);
  }

  public List<Layer> layers() {
    return layers;
  }

  public byte[] manifestBytes() {
    return manifest.clone();
  }

  /**
   * The manifest as jib-core's template: the registry push serializes this same template, so the bytes in
   * {@code image.tar}, in an OCI layout and in the registry are identical and so are their digests.
   */
  public BuildableManifestTemplate manifestTemplate() {
    BuildableManifestTemplate m = format == ImageFormat.DOCKER ? new V22ManifestTemplate() : new OciManifestTemplate();
    Descriptor c = configDescriptor();
    m.setContainerConfiguration(c.size(), Digests.forJib(c.digest()));
    for (Layer l : layers) {
      m.addLayer(l.descriptor().size(), Digests.forJib(l.descriptor().digest()));
    }
    return m;
  }

  /** The manifest's descriptor; its digest is the image digest a registry reports. */
  public Descriptor manifestDescriptor() {
    return new Descriptor(format.manifestMediaType, Digests.of(manifest), manifest.length);
  }

  /** The image ID Docker shows: the config digest. */
  public String id() {
    return configDescriptor().digest();
  }

  public long compressedSize() {
    return layers.stream().mapToLong(l -> l.descriptor().size()).sum() + config.length;
  }

  public long uncompressedSize() {
    return layers.stream().mapToLong(Layer::uncompressedSize).sum();
  }
}
