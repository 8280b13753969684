package dev.multistage.layer;

import dev.multistage.plan.ExtraDirectory;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UserSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The {@code extra} layer: the files of the user's extra directories with the modes and owner asked for, whatever
 * they are on disk. A directory a lower layer already has is not listed, so its owner and mode stay as they are.
 */
public final class ExtraLayer {
  private ExtraLayer() {}

  /**
   * @param user the image's user, the owner when an extra directory asks for {@code app}
   * @param existsBelow whether a lower layer (the base, the user layer) already has a path
   * @throws InvalidParameterException when two extra directories put a file at the same path
   */
  public static List<LayerEntry> entries(List<ExtraDirectory> directories, UserSpec user,
      Predicate<String> existsBelow) throws IOException {
    Map<String, LayerEntry> entries = new LinkedHashMap<>();
    for (ExtraDirectory extra : directories) {
      int uid = extra.owner() == ExtraDirectory.Owner.APP ? user.uid() : 0;
      int gid = extra.owner() == ExtraDirectory.Owner.APP ? user.gid() : 0;
      Deque<String> missing = new ArrayDeque<>();
      for (String p = extra.into(); !p.equals(ImagePath.ROOT) && !existsBelow.test(p); p = ImagePath.parent(p)) {
        missing.push(p);
      }
      for (String parent : missing) {
        // the parents above the target belong to root, the target itself to the asked owner
        boolean target = parent.equals(extra.into());
        entries.putIfAbsent(parent, new LayerEntry.Directory(parent, target ? extra.directoryMode() : 0755,
            target ? uid : 0, target ? gid : 0));
      }
      for (Path source : walk(extra.from())) {
        String path = ImagePath.child(extra.into(), extra.from().relativize(source).toString().replace('\\', '/'));
        if (Files.isDirectory(source)) {
          if (!existsBelow.test(path)) {
            entries.putIfAbsent(path, new LayerEntry.Directory(path, extra.directoryMode(), uid, gid));
          }
        } else if (entries.putIfAbsent(path, new LayerEntry.File(path, source, extra.fileMode(), uid, gid)) != null) {
          throw new InvalidParameterException("extraDirectories", path + " comes from two extra directories.",
              "give each extra directory its own <into>, or remove the file from one of them.");
        }
      }
    }
    return List.copyOf(entries.values());
  }

  /** How many regular files {@code entries} hold. */
  public static int fileCount(List<LayerEntry> entries) {
    return (int) entries.stream().filter(e -> e instanceof LayerEntry.File).count();
  }

  /** Regular files and directories below {@code root}, sorted; other kinds (sockets, broken links) are skipped. */
  private static List<Path> walk(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> !p.equals(root)).filter(p -> Files.isDirectory(p) || Files.isRegularFile(p))
          .sorted().toList();
    }
  }
}
