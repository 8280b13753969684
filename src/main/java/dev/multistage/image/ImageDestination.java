package dev.multistage.image;

import java.io.IOException;

/**
 * Where an image is written to, whatever it is: a docker-archive, an OCI archive or layout, a registry — the same
 * shape as {@link ImageSource}, as go-containerregistry's {@code tarball.Write}, {@code layout.Write} and
 * {@code remote.Write} have. Names and tags are the destination's own, given when it is made.
 */
public interface ImageDestination {

  void write(Image image) throws IOException;

  /** Writes every platform of {@code index}, then the index; a destination that holds one image refuses. */
  void write(ImageIndex index) throws IOException;
}
