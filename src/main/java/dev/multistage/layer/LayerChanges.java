package dev.multistage.layer;

import dev.multistage.layer.BaseFilesystem.Entry;
import dev.multistage.layer.BaseFilesystem.LayerStats;
import dev.multistage.layer.BaseFilesystem.Type;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What one layer tar changes: the entries it adds, the paths its whiteouts delete, the directories it makes opaque,
 * the contents of the files asked for, and its diff_id, size and file count.
 */
record LayerChanges(List<String> whiteouts, List<String> opaque, Map<String, Entry> added,
    Map<String, byte[]> contents, LayerStats stats) {
  static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  /** Reads a layer blob, gzip-compressed or plain; keeps the contents of the files in {@code wanted}. */
  static LayerChanges read(Path blob, Set<String> wanted) throws IOException {
    List<String> whiteouts = new ArrayList<>();
    List<String> opaque = new ArrayList<>();
    Map<String, Entry> added = new LinkedHashMap<>();
    Map<String, byte[]> contents = new HashMap<>();
    int files = 0;
    MeteredInputStream metered;
    try (InputStream in = uncompressed(blob)) {
      metered = new MeteredInputStream(in);
      TarArchiveInputStream tar = new TarArchiveInputStream(metered);
      for (TarArchiveEntry header; (header = tar.getNextEntry()) != null; ) {
        files++;
        String path = ImagePath.absolute(header.getName());
        String name = path.substring(path.lastIndexOf('/') + 1);
        String parent = ImagePath.parent(path);
        if (name.equals(OPAQUE)) {
          opaque.add(parent);
        } else if (name.startsWith(WHITEOUT)) {
          whiteouts.add(ImagePath.child(parent, name.substring(WHITEOUT.length())));
        } else if (!path.equals(ImagePath.ROOT) || header.isDirectory()) {
          Entry entry = toEntry(path, header);
          added.put(path, entry);
          if (entry.type() == Type.FILE && wanted.contains(path)) {
            contents.put(path, tar.readAllBytes());
          }
        }
      }
      metered.drain();
    }
    return new LayerChanges(whiteouts, opaque, added, contents,
        new LayerStats(Sha256.PREFIX + metered.hex(), metered.count(), files));
  }

  static InputStream uncompressed(Path blob) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(blob), 1 << 16);
    try {
      in.mark(2);
      int first = in.read();
      int second = in.read();
      in.reset();
      return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  static Entry toEntry(String path, TarArchiveEntry header) {
    int mode = header.getMode() & 07777;
    int uid = (int) header.getLongUserId();
    int gid = (int) header.getLongGroupId();
    if (header.isDirectory()) {
      return new Entry(path, Type.DIRECTORY, mode, uid, gid, "");
    }
    if (header.isSymbolicLink()) {
      return new Entry(path, Type.SYMLINK, mode, uid, gid, header.getLinkName());
    }
    if (header.isLink()) {
      return new Entry(path, Type.HARDLINK, mode, uid, gid, ImagePath.absolute(header.getLinkName()));
    }
    if (header.isCharacterDevice() || header.isBlockDevice() || header.isFIFO() || !header.isFile()) {
      return new Entry(path, Type.OTHER, mode, uid, gid, "");
    }
    return new Entry(path, Type.FILE, mode, uid, gid, "");
  }
}
