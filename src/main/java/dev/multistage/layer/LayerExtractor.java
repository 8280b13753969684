package dev.multistage.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Copies the regular files under some directories of an image's layers onto disk (for example a builder image's
 * {@code jmods}), applying the layers in order with their whiteouts.
 */
public final class LayerExtractor {
  private LayerExtractor() {}

  /**
   * Extracts every regular file whose image path starts with one of {@code prefixes} (absolute, e.g.
   * {@code /opt/java/openjdk/jmods/}) into {@code target}, keeping image paths ({@code target/opt/java/…}).
   */
  public static void extract(List<Path> layerBlobs, List<String> prefixes, Path target) throws IOException {
    for (Path blob : layerBlobs) {
      try (InputStream raw = LayerChanges.uncompressed(blob);
          TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
          String path = ImagePath.absolute(e.getName());
          String name = path.substring(path.lastIndexOf('/') + 1);
          if (name.startsWith(".wh.")) {
            String dir = ImagePath.parent(path);
            if (name.equals(".wh..wh..opq")) {
              deleteTree(local(target, dir), false);
            } else {
              deleteTree(local(target, ImagePath.child(dir, name.substring(4))), true);
            }
            continue;
          }
          if (!e.isFile() || prefixes.stream().noneMatch(path::startsWith)) {
            continue;
          }
          Path out = local(target, path);
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static Path local(Path target, String imagePath) {
    Path p = target.resolve(imagePath.substring(1)).normalize();
    if (!p.startsWith(target)) {
      throw new IllegalArgumentException("layer path escapes the extraction directory: " + imagePath);
    }
    return p;
  }

  private static void deleteTree(Path p, boolean self) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (self || !f.equals(p)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }
}
