package dev.multistage.image;

import java.util.List;

/**
 * A single-platform manifest as a registry or layout holds it, without the blobs it points to: enough to know an
 * image's sizes without pulling it.
 *
 * @param digest the manifest's own digest
 * @param config the config blob
 * @param layers the layer blobs, base first, with the compressed sizes a pull moves
 */
public record Manifest(String digest, Descriptor config, List<Descriptor> layers) {

  public Manifest {
    layers = List.copyOf(layers);
  }

  /** Every layer blob plus the config: what pulling this image moves. */
  public long compressedSize() {
    return config.size() + layers.stream().mapToLong(Descriptor::size).sum();
  }
}
