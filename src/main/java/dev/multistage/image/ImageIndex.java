package dev.multistage.image;

import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A multi-platform image: one {@link Image} per platform tied together by a Docker manifest list or an OCI index.
 * Like {@link Image}, its bytes come from jib-core's template, so the registry computes the same digest.
 */
public final class ImageIndex {
  private final ImageFormat format;
  private final List<Image> images;
  private final byte[] bytes;

  public ImageIndex(ImageFormat format, List<Image> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("an index needs at least one image");
    }
    this.format = format;
    this.images = List.copyOf(images);
    try {
      this.bytes = JsonTemplateMapper.toByteArray(template());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Image> images() {
    return images;
  }

  public ImageFormat format() {
    return format;
  }

  /** The list as jib-core's template, which the registry push serializes to these same bytes. */
  public ManifestTemplate template() {
    if (format == ImageFormat.OCI) {
      OciIndexTemplate index = new OciIndexTemplate();
      for (Image image : images) {
        index.addManifest(ociEntry(image));
      }
      return index;
    }
    V22ManifestListTemplate list = new V22ManifestListTemplate();
    for (Image image : images) {
      Descriptor m = image.manifestDescriptor();
      V22ManifestListTemplate.ManifestDescriptorTemplate entry = new V22ManifestListTemplate.ManifestDescriptorTemplate();
      entry.setMediaType(m.mediaType());
      entry.setDigest(m.digest());
      entry.setSize(m.size());
      entry.setPlatform(image.platform().architecture(), image.platform().os());
      list.addManifest(entry);
    }
    return list;
  }

  /**
   * An OCI index entry with its platform. Made from JSON: jib's constructor is package-private, and its public
   * {@code addManifest(descriptor, refName)} requires a ref.name annotation that an index pushed to a registry has
   * no use for (and throws without one).
   */
  private static OciIndexTemplate.ManifestDescriptorTemplate ociEntry(Image image) {
    Descriptor m = image.manifestDescriptor();
    try {
      OciIndexTemplate.ManifestDescriptorTemplate entry = JsonTemplateMapper.readJson("{\"mediaType\":\""
          + m.mediaType() + "\",\"digest\":\"" + m.digest() + "\",\"size\":" + m.size() + "}",
          OciIndexTemplate.ManifestDescriptorTemplate.class);
      entry.setPlatform(image.platform().architecture(), image.platform().os());
      return entry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public Descriptor descriptor() {
    return new Descriptor(format.indexMediaType, Digests.of(bytes), bytes.length);
  }
}
