package dev.multistage.layer;

import dev.multistage.plan.UserSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The small layer that makes a base image ready for a non-root user: the user in passwd and group, a home and a
 * working directory the user owns, and the {@code /tmp} and {@code /etc} a scratch or distroless base may lack.
 */
public final class UserLayer {
  /** The files {@link #entries} needs; read the base with these as {@code contentOf}. */
  public static final Set<String> FILES_READ = Set.of("/etc/passwd", "/etc/group");

  private static final Set<String> NOT_A_HOME = Set.of("/", "/nonexistent", "/dev/null");

  private UserLayer() {}

  /**
   * The entries of the user layer over {@code base}.
   *
   * @param workingDir the image's absolute working directory, such as {@code /app}
   */
  public static List<LayerEntry> entries(BaseFilesystem base, UserSpec user, String workingDir) {
    PasswdMerge.Result merged = PasswdMerge.merge(base.content("/etc/passwd").map(UserLayer::text),
        base.content("/etc/group").map(UserLayer::text), user);
    // first come, first kept: files and root-owned system directories before the user's own
    Map<String, LayerEntry> entries = new LinkedHashMap<>();
    addMissingParents(base, "/etc/passwd", entries);
    put(entries, new LayerEntry.Content("/etc/passwd", bytes(merged.passwd()), 0644, 0, 0));
    put(entries, new LayerEntry.Content("/etc/group", bytes(merged.group()), 0644, 0, 0));
    if (!base.exists("/tmp")) {
      put(entries, new LayerEntry.Directory("/tmp", 01777, 0, 0));
    }
    String home = ImagePath.absolute(merged.home());
    if (!NOT_A_HOME.contains(home)) {
      addOwnedDirectory(base, home, user, entries);
    }
    String workdir = ImagePath.absolute(workingDir);
    if (!workdir.equals(ImagePath.ROOT)) {
      addOwnedDirectory(base, workdir, user, entries);
    }
    return List.copyOf(entries.values());
  }

  /**
   * Lists {@code path} owned by the user unless the base already has it so; a directory the base reaches through a
   * symlink is listed at its real path, and a file is left alone.
   */
  private static void addOwnedDirectory(BaseFilesystem base, String path, UserSpec user,
      Map<String, LayerEntry> entries) {
    Optional<BaseFilesystem.Entry> existing = base.entry(path);
    if (existing.isEmpty()) {
      addMissingParents(base, path, entries);
      put(entries, new LayerEntry.Directory(path, 0755, user.uid(), user.gid()));
    } else if (existing.get().type() == BaseFilesystem.Type.DIRECTORY && existing.get().uid() != user.uid()
        && !existing.get().path().equals(ImagePath.ROOT)) {
      put(entries, new LayerEntry.Directory(existing.get().path(), 0755, user.uid(), user.gid()));
    }
  }

  private static void addMissingParents(BaseFilesystem base, String path, Map<String, LayerEntry> entries) {
    Deque<String> missing = new ArrayDeque<>();
    for (String parent = ImagePath.parent(path); !parent.equals(ImagePath.ROOT) && !base.exists(parent);
        parent = ImagePath.parent(parent)) {
      missing.push(parent);
    }
    for (String parent : missing) {
      put(entries, new LayerEntry.Directory(parent, 0755, 0, 0));
    }
  }

  private static void put(Map<String, LayerEntry> entries, LayerEntry entry) {
    entries.putIfAbsent(entry.path(), entry);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
