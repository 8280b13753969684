package dev.multistage.engine;

import dev.multistage.image.BaseImage;
import dev.multistage.image.Descriptor;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.layer.BaseFilesystem;
import dev.multistage.layer.LayerEntry;
import dev.multistage.layer.LayerCache;
import dev.multistage.layer.WrittenLayer;
import dev.multistage.plan.InvalidParameterException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Layers as the image model holds them: the ones this build writes, and the base's with their measured contents. */
final class LayerFiles {
  private LayerFiles() {}

  /** {@code entries} as a reproducible gzip layer blob: the one the cache has for them, or a new one. */
  static Layer written(String name, List<LayerEntry> entries, LayerCache cache) throws IOException {
    WrittenLayer w = cache.write(entries);
    return new Layer(name, new Descriptor(ImageFormat.DOCKER.layerMediaType, w.digest(), w.compressedSize()),
        w.diffId(), w.uncompressedSize(), w.files(), w.blob(), false);
  }

  /** Base layers with the file counts and sizes read from them; a diff_id that does not match is a corrupt base. */
  static List<Layer> ofBase(BaseImage base, BaseFilesystem fs) {
    List<Layer> out = new ArrayList<>();
    for (int i = 0; i < base.layers().size(); i++) {
      Layer l = base.layers().get(i);
      BaseFilesystem.LayerStats stats = fs.layers().get(i);
      if (l.diffId() != null && !l.diffId().equals(stats.diffId())) {
        throw new InvalidParameterException("runtimeImage", base.source().display() + " layer " + (i + 1)
            + " does not match its config (diff_id " + l.diffId() + ", content " + stats.diffId() + ").",
            "the base is corrupt: copy or pull it again.");
      }
      out.add(new Layer("base", l.descriptor(), stats.diffId(), stats.uncompressedBytes(), stats.files(), l.blob(),
          true));
    }
    return out;
  }
}
