package dev.multistage.image;

/** Manifest family of the image written: Docker v2.2 keeps HEALTHCHECK; OCI consumers drop it. */
public enum ImageFormat {
  DOCKER(
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.container.image.v1+json",
      "application/vnd.docker.image.rootfs.diff.tar.gzip"),
  OCI(
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.oci.image.config.v1+json",
      "application/vnd.oci.image.layer.v1.tar+gzip");

  public final String manifestMediaType;
  public final String indexMediaType;
  public final String configMediaType;
  public final String layerMediaType;

  ImageFormat(String manifest, String index, String config, String layer) {
    this.manifestMediaType = manifest;
    this.indexMediaType = index;
    this.configMediaType = config;
    this.layerMediaType = layer;
  }

  /** True for any gzip layer media type of either family (the only compression this writer emits). */
  public static boolean isGzipLayer(String mediaType) {
    return mediaType.equals(DOCKER.layerMediaType) || mediaType.equals(OCI.layerMediaType);
  }

  /** True for an uncompressed tar layer media type of either family. */
  public static boolean isTarLayer(String mediaType) {
    return mediaType.equals("application/vnd.oci.image.layer.v1.tar")
        || mediaType.equals("application/vnd.docker.image.rootfs.diff.tar");
  }
}
