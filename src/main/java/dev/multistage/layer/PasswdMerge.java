package dev.multistage.layer;

import dev.multistage.plan.UserSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Adds the runtime user to a base image's {@code /etc/passwd} and {@code /etc/group} without touching a line the
 * base already had: tools that look a user up by uid (ssh, git, some JDK code paths) then find a name and a home.
 */
public final class PasswdMerge {
  static final String MINIMAL_PASSWD = "root:x:0:0:root:/root:/sbin/nologin\n"
      + "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n";
  static final String MINIMAL_GROUP = "root:x:0:\nnogroup:x:65534:\n";

  private static final int NAME = 0;
  private static final int ID = 2;
  private static final int HOME = 5;

  private PasswdMerge() {}

  /**
   * The merged files.
   *
   * @param passwd the whole new {@code /etc/passwd}
   * @param group the whole new {@code /etc/group}
   * @param userName the name the uid has: the base's own if it had the uid, else {@code app} (or {@code app<uid>}
   *     when another uid already holds {@code app})
   * @param userAdded false if the base already had an entry with the uid
   * @param groupAdded false if the base already had an entry with the gid
   */
  public record Result(String passwd, String group, String userName, boolean userAdded, boolean groupAdded) {

    /** The home directory the merged passwd gives the user; {@code /home/app} if the entry names none. */
    public String home() {
      return lines(passwd).stream()
          .map(PasswdMerge::fields)
          .filter(fields -> fields.length > HOME && fields[NAME].equals(userName) && !fields[HOME].isEmpty())
          .map(fields -> fields[HOME])
          .findFirst()
          .orElse("/home/" + UserSpec.NAME);
    }
  }

  /** Merges {@code user} into the base's files; a missing file starts from a minimal root/nobody one. */
  public static Result merge(Optional<String> passwd, Optional<String> group, UserSpec user) {
    Appended users = appendUnlessPresent(passwd.orElse(MINIMAL_PASSWD), user.uid(),
        name -> name + ":x:" + user.uid() + ":" + user.gid() + ":" + name + ":" + user.home() + ":/sbin/nologin");
    Appended groups = appendUnlessPresent(group.orElse(MINIMAL_GROUP), user.gid(),
        name -> name + ":x:" + user.gid() + ":");
    return new Result(users.text(), groups.text(), users.name(), users.added(), groups.added());
  }

  private record Appended(String text, String name, boolean added) {}

  /** Passwd and group share the layout that matters here: the name first, the numeric id third. */
  private static Appended appendUnlessPresent(String text, int id, Function<String, String> lineFor) {
    List<String[]> entries = lines(text).stream().map(PasswdMerge::fields).filter(f -> f.length > ID).toList();
    for (String[] fields : entries) {
      if (fields[ID].equals(Integer.toString(id))) {
        return new Appended(text, fields[NAME], false);
      }
    }
    boolean nameTaken = entries.stream().anyMatch(fields -> fields[NAME].equals(UserSpec.NAME));
    String name = nameTaken ? UserSpec.NAME + id : UserSpec.NAME;
    String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
    return new Appended(text + separator + lineFor.apply(name) + "\n", name, true);
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }

  private static String[] fields(String line) {
    return line.split(":", -1);
  }
}
