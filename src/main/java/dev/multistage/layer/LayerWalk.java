package dev.multistage.layer;

import dev.multistage.layer.BaseFilesystem.Entry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Visits what one layer tar adds, entry by entry, with each regular file's bytes readable as it passes: for
 * questions about a single layer (what a blob holds, whatever later layers delete) rather than the merged view of
 * {@link BaseFilesystem}.
 */
public final class LayerWalk {
  private LayerWalk() {}

  /** What to do with one entry. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * @param body the entry's bytes for a regular file (empty otherwise); read as much as needed, the rest is
     *     skipped
     */
    void visit(Entry entry, InputStream body) throws IOException;
  }

  /** Every entry of {@code blob} (gzip-compressed or plain) in tar order, whiteouts left out. */
  public static void walk(Path blob, Visitor visitor) throws IOException {
    try (InputStream in = LayerChanges.uncompressed(blob); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      // the visitor may close what it reads; the tar goes on to the next entry
      InputStream body = new FilterInputStream(tar) {
        @Override
        public void close() {}
      };
      for (TarArchiveEntry header; (header = tar.getNextEntry()) != null; ) {
        String path = ImagePath.absolute(header.getName());
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (path.equals(ImagePath.ROOT) || name.startsWith(LayerChanges.WHITEOUT)) {
          continue;
        }
        visitor.visit(LayerChanges.toEntry(path, header), body);
      }
    }
  }
}
