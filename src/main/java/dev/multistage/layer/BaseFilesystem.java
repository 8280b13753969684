package dev.multistage.layer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The filesystem a base image's layers add up to, as metadata: what exists, its type, mode and owner. File
 * contents are kept only for the few paths asked for, so reading a large base costs one pass and little memory.
 */
public final class BaseFilesystem {
  /** Linux gives up after 40 symlinks in one lookup; so do we, which also ends loops. */
  private static final int MAX_SYMLINKS = 40;

  public enum Type {
    FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER
  }

  /**
   * One path of the merged filesystem.
   *
   * @param path absolute, normalized
   * @param mode permission bits only ({@code 0755}, {@code 01777})
   * @param linkTarget the symlink target as stored, or the absolute hardlink target; empty for other types
   */
  public record Entry(String path, Type type, int mode, int uid, int gid, String linkTarget) {}

  /**
   * What one input blob held.
   *
   * @param diffId {@code sha256:} of the uncompressed tar
   * @param files entries in the tar, whiteouts included
   */
  public record LayerStats(String diffId, long uncompressedBytes, int files) {}

  private final NavigableMap<String, Entry> entries;
  private final Map<String, byte[]> contents;
  private final List<LayerStats> layers;

  private BaseFilesystem(NavigableMap<String, Entry> entries, Map<String, byte[]> contents,
      List<LayerStats> layers) {
    this.entries = entries;
    this.contents = contents;
    this.layers = layers;
  }

  /**
   * Reads {@code layerBlobs} bottom to top; each is a gzip-compressed or an uncompressed tar.
   *
   * @param contentOf absolute paths ({@code /etc/passwd}) whose file contents to keep
   */
  public static BaseFilesystem read(List<Path> layerBlobs, Set<String> contentOf) throws IOException {
    Set<String> wanted = new HashSet<>();
    for (String path : contentOf) {
      wanted.add(ImagePath.absolute(path));
    }
    BaseFilesystem filesystem = new BaseFilesystem(new TreeMap<>(), new HashMap<>(), new ArrayList<>());
    filesystem.entries.put(ImagePath.ROOT, new Entry(ImagePath.ROOT, Type.DIRECTORY, 0755, 0, 0, ""));
    for (Path blob : layerBlobs) {
      filesystem.layers.add(filesystem.apply(blob, wanted));
    }
    return filesystem;
  }

  /**
   * As {@link #read(List, Set)}, remembered in {@code cacheDirectory/filesystems} by the layers' digests: a base's
   * layers are fixed by their digests, so another build on the same base reads a few kilobytes instead of
   * decompressing and hashing the whole base again.
   *
   * @param layerDigests the blobs' {@code sha256:} digests, in the same order
   */
  public static BaseFilesystem read(List<Path> layerBlobs, List<String> layerDigests, Set<String> contentOf,
      Path cacheDirectory) throws IOException {
    MessageDigest key = Sha256.newDigest();
    key.update(("filesystem " + FORMAT + "\n" + String.join("\n", layerDigests) + "\n" + new TreeSet<>(contentOf))
        .getBytes(StandardCharsets.UTF_8));
    Path file = cacheDirectory.resolve("filesystems").resolve(Sha256.hex(key) + ".bin");
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      return readFrom(in);
    } catch (NoSuchFileException e) {
      // first build on this base
    } catch (IOException | RuntimeException e) {
      // cut short or from another version: read the base again and replace it
    }
    BaseFilesystem fs = read(layerBlobs, contentOf);
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "filesystem-", ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
        fs.writeTo(out);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return fs;
  }

  /** Changes whenever what {@link #writeTo} writes changes. */
  private static final int FORMAT = 1;

  private void writeTo(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(layers.size());
    for (LayerStats l : layers) {
      out.writeUTF(l.diffId());
      out.writeLong(l.uncompressedBytes());
      out.writeInt(l.files());
    }
    out.writeInt(entries.size());
    for (Entry e : entries.values()) {
      out.writeUTF(e.path());
      out.writeByte(e.type().ordinal());
      out.writeInt(e.mode());
      out.writeInt(e.uid());
      out.writeInt(e.gid());
      out.writeUTF(e.linkTarget());
    }
    out.writeInt(contents.size());
    for (Map.Entry<String, byte[]> c : contents.entrySet()) {
      out.writeUTF(c.getKey());
      out.writeInt(c.getValue().length);
      out.write(c.getValue());
    }
  }

  private static BaseFilesystem readFrom(DataInputStream in) throws IOException {
    if (in.readInt() != FORMAT) {
      throw new IOException("another format");
    }
    List<LayerStats> layers = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      layers.add(new LayerStats(in.readUTF(), in.readLong(), in.readInt()));
    }
    NavigableMap<String, Entry> entries = new TreeMap<>();
    Type[] types = Type.values();
    for (int i = in.readInt(); i > 0; i--) {
      Entry e = new Entry(in.readUTF(), types[in.readByte()], in.readInt(), in.readInt(), in.readInt(), in.readUTF());
      entries.put(e.path(), e);
    }
    Map<String, byte[]> contents = new HashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      String path = in.readUTF();
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      contents.put(path, bytes);
    }
    if (in.read() != -1) {
      throw new IOException("trailing bytes");
    }
    return new BaseFilesystem(entries, contents, layers);
  }

  /** Statistics of each input blob, in input order. */
  public List<LayerStats> layers() {
    return Collections.unmodifiableList(layers);
  }

  /** Every path of the merged filesystem, sorted by path: what a container started from these layers sees. */
  public Collection<Entry> entries() {
    return Collections.unmodifiableCollection(entries.values());
  }

  /** True if {@code path} exists once symlinks (in the path and at its end) are followed. */
  public boolean exists(String path) {
    return entry(path).isPresent();
  }

  /** The entry {@code path} leads to, following symlinks; its {@code path} is the real one. */
  public Optional<Entry> entry(String path) {
    return resolve(path).map(entries::get);
  }

  /** The contents of the file {@code path} leads to, if it was one of the paths asked for. */
  public Optional<byte[]> content(String path) {
    Optional<Entry> entry = entry(path);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = contents.get(entry.get().path());
    // a hardlink shares its target's bytes, which are kept when the target was asked for
    if (bytes == null && entry.get().type() == Type.HARDLINK) {
      bytes = contents.get(entry.get().linkTarget());
    }
    return Optional.ofNullable(bytes).map(byte[]::clone);
  }

  private LayerStats apply(Path blob, Set<String> wanted) throws IOException {
    // a layer's whiteouts delete from the layers below it only, so the whole layer is read before changing anything
    LayerChanges layer = LayerChanges.read(blob, wanted);
    for (String directory : layer.opaque()) {
      removeBelow(place(directory));
    }
    for (String path : layer.whiteouts()) {
      String placed = place(path);
      removeBelow(placed);
      remove(placed);
    }
    for (Entry entry : layer.added().values()) {
      String placed = place(entry.path());
      Entry existing = entries.get(placed);
      if (existing != null && existing.type() == Type.DIRECTORY && entry.type() != Type.DIRECTORY) {
        removeBelow(placed);
      }
      addParents(placed);
      remove(placed);
      entries.put(placed, placed.equals(entry.path()) ? entry
          : new Entry(placed, entry.type(), entry.mode(), entry.uid(), entry.gid(), entry.linkTarget()));
      byte[] bytes = layer.contents().get(entry.path());
      if (bytes != null) {
        contents.put(placed, bytes);
      }
    }
    return layer.stats();
  }

  /** Where extraction puts {@code path}: through its parent's symlinks, as {@code /bin/x} lands in /usr/bin. */
  private String place(String path) {
    if (path.equals(ImagePath.ROOT)) {
      return path;
    }
    String parent = ImagePath.parent(path);
    String name = path.substring(path.lastIndexOf('/') + 1);
    return resolve(parent).map(real -> ImagePath.child(real, name)).orElse(path);
  }

  private void addParents(String path) {
    Deque<String> missing = new ArrayDeque<>();
    for (String parent = ImagePath.parent(path); !entries.containsKey(parent); parent = ImagePath.parent(parent)) {
      missing.push(parent);
    }
    for (String parent : missing) {
      entries.put(parent, new Entry(parent, Type.DIRECTORY, 0755, 0, 0, ""));
    }
  }

  private void remove(String path) {
    if (!path.equals(ImagePath.ROOT)) {
      entries.remove(path);
      contents.remove(path);
    }
  }

  private void removeBelow(String directory) {
    String prefix = ImagePath.below(directory);
    // '/' + 1 == '0': the sub map holds exactly the paths that start with prefix
    String end = prefix.substring(0, prefix.length() - 1) + '0';
    NavigableMap<String, Entry> below = entries.subMap(prefix, false, end, false);
    below.keySet().forEach(contents::remove);
    below.clear();
  }

  /** The real path {@code path} leads to, with every symlink followed; empty if it does not exist or loops. */
  private Optional<String> resolve(String path) {
    Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
    Deque<String> real = new ArrayDeque<>();
    int symlinks = 0;
    while (!pending.isEmpty()) {
      String part = pending.removeFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        real.pollLast();
        continue;
      }
      String candidate = ImagePath.child(ImagePath.ROOT + String.join("/", real), part);
      Entry entry = entries.get(candidate);
      if (entry == null) {
        return Optional.empty();
      }
      if (entry.type() == Type.SYMLINK) {
        if (++symlinks > MAX_SYMLINKS) {
          return Optional.empty();
        }
        String target = entry.linkTarget();
        if (target.startsWith("/")) {
          real.clear();
        }
        List<String> parts = List.of(target.split("/"));
        for (int i = parts.size() - 1; i >= 0; i--) {
          pending.addFirst(parts.get(i));
        }
        continue;
      }
      if (entry.type() != Type.DIRECTORY && pending.stream().anyMatch(p -> !p.isEmpty() && !p.equals("."))) {
        return Optional.empty();
      }
      real.addLast(part);
    }
    return Optional.of(ImagePath.ROOT + String.join("/", real));
  }
}
