package dev.multistage.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where the image comes from: a base recorded with its digest, and the image itself named by digest. */
final class ProvenanceRules implements Inspection {
  static final String BASE_NAME = "org.opencontainers.image.base.name";
  static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.BASE_UNPINNED, Rule.BASE_UNRECORDED, Rule.TAG_ONLY_REFERENCE);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) {
    List<Finding> found = new ArrayList<>();
    Map<String, String> labels = facts.image().config().labels();
    String name = labels.getOrDefault(BASE_NAME, "").trim();
    String digest = labels.getOrDefault(BASE_DIGEST, "").trim();
    if (name.isEmpty() && digest.isEmpty()) {
      found.add(Finding.config(Rule.BASE_UNRECORDED, "Labels", "The image has no " + BASE_NAME + " or "
          + BASE_DIGEST + " label, so nobody can tell which base it was built on, or whether it was pinned."));
    } else if (!name.isEmpty() && !localFile(name) && !name.contains("@sha256:") && !digest.startsWith("sha256:")) {
      found.add(Finding.config(Rule.BASE_UNPINNED, "Labels." + BASE_NAME, "The base '" + name
          + "' is a tag without a digest, so another build can get another base."));
    }
    if (facts.image().tagOnly()) {
      found.add(new Finding(Rule.TAG_ONLY_REFERENCE, "'" + facts.image().reference() + "' names the image by tag "
          + "only; this check holds for " + facts.image().digest().orElse("what it pointed to now")
          + ", and the tag can move.", "reference"));
    }
    return found;
  }

  /** A tar: or oci: base is a file on the build machine, not a registry tag that can move. */
  private static boolean localFile(String name) {
    return name.startsWith("tar:") || name.startsWith("oci:");
  }
}
