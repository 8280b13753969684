package dev.multistage.image;

import dev.multistage.plan.Platform;
import java.io.IOException;

/**
 * Where an image is read from, whatever it is: a registry, a docker-archive or an OCI layout — one shape, as
 * go-containerregistry's {@code remote}, {@code tarball} and {@code layout} have.
 */
public interface ImageSource {

  /** The image for {@code platform}, its layer blobs readable on disk. */
  BaseImage image(Platform platform) throws IOException;

  /** Its sizes for {@code platform}, read from the manifest where the source allows, without pulling layers. */
  ImageSizes sizes(Platform platform) throws IOException;
}
