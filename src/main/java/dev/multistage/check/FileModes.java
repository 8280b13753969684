package dev.multistage.check;

import dev.multistage.layer.BaseFilesystem.Entry;
import dev.multistage.layer.BaseFilesystem.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Permission bits that open a way around the non-root user: setuid/setgid files and world-writable paths. */
final class FileModes implements Inspection {
  /** Scratch space every user may write by design (and /tmp is where the app writes under a read-only root). */
  private static final List<String> SCRATCH = List.of("/tmp", "/var/tmp", "/dev/shm");
  private static final int SETUID = 04000;
  private static final int SETGID = 02000;
  private static final int STICKY = 01000;
  private static final int OTHERS_WRITE = 0002;

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.SETUID_FILE, Rule.WORLD_WRITABLE);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) {
    List<Finding> found = new ArrayList<>();
    for (Entry e : facts.files().entries()) {
      boolean file = e.type() == Type.FILE || e.type() == Type.HARDLINK;
      if (file && (e.mode() & (SETUID | SETGID)) != 0) {
        String bits = (e.mode() & SETUID) != 0 && (e.mode() & SETGID) != 0 ? "setuid and setgid"
            : (e.mode() & SETUID) != 0 ? "setuid (runs as uid " + e.uid() + ")" : "setgid (runs as gid " + e.gid()
                + ")";
        found.add(new Finding(Rule.SETUID_FILE, e.path() + " is " + bits + ", mode " + octal(e.mode()) + ".",
            e.path()));
      }
      // a symlink's bits mean nothing, and device nodes (/dev/null) are meant to be written by anyone
      if ((e.type() == Type.FILE || e.type() == Type.HARDLINK || e.type() == Type.DIRECTORY)
          && (e.mode() & OTHERS_WRITE) != 0 && !scratch(e.path())
          && !(e.type() == Type.DIRECTORY && (e.mode() & STICKY) != 0)) {
        found.add(new Finding(Rule.WORLD_WRITABLE, e.path() + " (" + (e.type() == Type.DIRECTORY ? "directory"
            : "file") + ", mode " + octal(e.mode()) + ") is writable by any user.", e.path()));
      }
    }
    return found;
  }

  private static boolean scratch(String path) {
    return SCRATCH.stream().anyMatch(s -> path.equals(s) || path.startsWith(s + "/"));
  }

  static String octal(int mode) {
    return String.format("%04o", mode);
  }
}
