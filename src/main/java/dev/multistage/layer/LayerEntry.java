package dev.multistage.layer;

import java.nio.file.Path;

/**
 * One entry of a layer tar. Paths are absolute image paths ({@code /app/libs/a.jar}); directories are written
 * only where the caller lists them, so a layer never changes the ownership of a directory a lower layer made.
 */
public sealed interface LayerEntry {
  String path();

  int mode();

  int uid();

  int gid();

  record Directory(String path, int mode, int uid, int gid) implements LayerEntry {}

  /** A regular file copied from {@code source}. */
  record File(String path, Path source, int mode, int uid, int gid) implements LayerEntry {}

  /** A regular file with the given bytes. */
  record Content(String path, byte[] bytes, int mode, int uid, int gid) implements LayerEntry {}

  record Symlink(String path, String target, int uid, int gid) implements LayerEntry {
    @Override
    public int mode() {
      return 0777;
    }
  }
}
