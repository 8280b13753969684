package dev.multistage.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The user the container runs as: not root, numeric, and known to /etc/passwd. */
final class UserRules implements Inspection {

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.USER_ROOT, Rule.USER_NOT_NUMERIC, Rule.USER_WITHOUT_PASSWD_ENTRY);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) {
    String written = facts.image().config().user().orElse("").trim();
    if (written.isEmpty()) {
      return List.of(Finding.config(Rule.USER_ROOT, "User", "The image sets no User, so it runs as root."));
    }
    Optional<AppUser> user = facts.user();
    if (user.isPresent() && user.get().root()) {
      return List.of(Finding.config(Rule.USER_ROOT, "User", "User '" + written + "' is root (uid 0)."));
    }
    List<Finding> found = new ArrayList<>();
    if (!written.matches("\\d+(:\\d+)?")) {
      found.add(Finding.config(Rule.USER_NOT_NUMERIC, "User", "User '" + written + "' is not a numeric uid:gid, "
          + "so a runtime enforcing runAsNonRoot cannot tell that it is not root."));
    }
    if (user.isEmpty()) {
      found.add(Finding.config(Rule.USER_WITHOUT_PASSWD_ENTRY, "User", "User '" + written + "' is not in the "
          + "image's /etc/passwd (or its group is not in /etc/group): the container cannot start as it."));
    } else if (!user.get().passwdEntry()) {
      found.add(Finding.config(Rule.USER_WITHOUT_PASSWD_ENTRY, "User", "uid " + user.get().uid() + " (User '"
          + written + "') has no entry in the image's /etc/passwd."));
    }
    return found;
  }
}
