package dev.multistage.check;

import java.util.Optional;

/**
 * Who the container runs as, resolved as a runtime does: the config's {@code User} ({@code uid}, {@code name},
 * {@code uid:gid} or {@code name:group}, empty meaning root) looked up in the image's /etc/passwd and /etc/group.
 *
 * @param written the {@code User} as the config has it
 * @param passwdEntry whether /etc/passwd has the user
 */
record AppUser(String written, int uid, int gid, boolean passwdEntry) {

  /** The user {@code written} stands for; empty when a name cannot be found in /etc/passwd or /etc/group. */
  static Optional<AppUser> resolve(String written, Optional<String> passwd, Optional<String> group) {
    String user = written.trim();
    if (user.isEmpty()) {
      return Optional.of(new AppUser(written, 0, 0, entry(passwd, 0, 2).isPresent()));
    }
    int colon = user.indexOf(':');
    String name = colon < 0 ? user : user.substring(0, colon);
    Optional<String[]> entry = numeric(name) ? entry(passwd, Integer.parseInt(name), 2) : entry(passwd, name, 0);
    Optional<Integer> uid = numeric(name) ? Optional.of(Integer.parseInt(name)) : entry.map(e -> number(e[2]));
    if (uid.isEmpty()) {
      return Optional.empty();
    }
    Optional<Integer> gid;
    if (colon < 0) {
      // without a group, the runtime takes the passwd entry's, or 0
      gid = Optional.of(entry.map(e -> number(e[3])).orElse(0));
    } else {
      String g = user.substring(colon + 1);
      gid = numeric(g) ? Optional.of(Integer.parseInt(g)) : entry(group, g, 0).map(e -> number(e[2]));
    }
    return gid.map(id -> new AppUser(written, uid.get(), id, entry.isPresent()));
  }

  boolean root() {
    return uid == 0;
  }

  private static boolean numeric(String s) {
    return s.matches("\\d{1,9}");
  }

  private static int number(String s) {
    return numeric(s) ? Integer.parseInt(s) : -1;
  }

  /** The colon-separated line of {@code file} whose field {@code field} is {@code value}. */
  private static Optional<String[]> entry(Optional<String> file, Object value, int field) {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    for (String line : file.get().split("\n")) {
      String[] fields = line.split(":", -1);
      if (fields.length > Math.max(field, 3) && fields[field].equals(String.valueOf(value))) {
        return Optional.of(fields);
      }
    }
    return Optional.empty();
  }
}
