package dev.multistage.check;

import dev.multistage.layer.BaseFilesystem;
import dev.multistage.layer.BaseFilesystem.Entry;
import dev.multistage.layer.BaseFilesystem.Type;
import dev.multistage.layer.ImagePath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The application's files are readable by the user it runs as: everything under the working directory and on the
 * entrypoint's class path, and the directories on the way there. Owner, group and others bits are read as the
 * kernel does for the user's uid and primary gid (supplementary groups are not counted).
 */
final class AppReadability implements Inspection {
  private static final int READ = 4;
  private static final int EXECUTE = 1;

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.APP_FILE_UNREADABLE);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) {
    Optional<AppUser> user = facts.user();
    if (user.isEmpty() || user.get().root()) {
      return List.of(); // root reads everything; an unknown user is the user rules' finding
    }
    BaseFilesystem files = facts.files();
    Set<String> checked = new LinkedHashSet<>();
    List<Finding> found = new ArrayList<>();
    for (String root : roots(facts)) {
      Optional<Entry> real = files.entry(root);
      if (real.isEmpty()) {
        continue;
      }
      String top = real.get().path();
      for (String dir = ImagePath.parent(top); !dir.equals("/"); dir = ImagePath.parent(dir)) {
        files.entry(dir).filter(d -> checked.add(d.path())).filter(d -> !allows(d, user.get(), EXECUTE))
            .ifPresent(d -> found.add(finding(d, user.get(), "cannot enter this directory on the way to " + top)));
      }
      for (Entry e : files.entries()) {
        if ((e.path().equals(top) || e.path().startsWith(top + "/")) && checked.add(e.path())) {
          unreadable(e, user.get()).ifPresent(why -> found.add(finding(e, user.get(), why)));
        }
      }
    }
    return found;
  }

  /** The working directory (unless it is /) and every class path entry, relative ones from the working directory. */
  private static List<String> roots(ImageFacts facts) {
    String workdir = facts.image().config().workingDir().filter(w -> w.startsWith("/")).orElse("/");
    List<String> roots = new ArrayList<>();
    if (!workdir.equals("/")) {
      roots.add(workdir);
    }
    for (String entry : JavaCommand.of(facts.image().config()).classPath()) {
      roots.add(entry.startsWith("/") ? entry : (workdir.equals("/") ? "" : workdir) + "/" + entry);
    }
    return roots;
  }

  private static Optional<String> unreadable(Entry e, AppUser user) {
    if (e.type() == Type.DIRECTORY && !allows(e, user, READ | EXECUTE)) {
      return Optional.of("cannot list or enter this directory");
    }
    if ((e.type() == Type.FILE || e.type() == Type.HARDLINK) && !allows(e, user, READ)) {
      return Optional.of("cannot read this file");
    }
    return Optional.empty();
  }

  private static Finding finding(Entry e, AppUser user, String why) {
    return new Finding(Rule.APP_FILE_UNREADABLE, e.path() + " (owner " + e.uid() + ":" + e.gid() + ", mode "
        + FileModes.octal(e.mode()) + "): the app's user " + user.uid() + ":" + user.gid() + " " + why + ".",
        e.path());
  }

  /** Whether {@code user} has all of {@code bits} (4 read, 1 execute) through owner, group or others. */
  static boolean allows(Entry e, AppUser user, int bits) {
    int shift = e.uid() == user.uid() ? 6 : e.gid() == user.gid() ? 3 : 0;
    return (e.mode() >> shift & bits) == bits;
  }
}
