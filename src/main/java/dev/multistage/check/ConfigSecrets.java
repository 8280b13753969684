package dev.multistage.check;

import dev.multistage.plan.SecretLooking;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Environment variables and labels that look like secrets: the image config is readable by anyone who pulls. */
final class ConfigSecrets implements Inspection {
  /** Labels whose values are ids by definition (a commit, a digest), which look random without being secret. */
  private static final List<String> METADATA_LABELS = List.of("org.opencontainers.image.", "org.label-schema.");

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.SECRET_IN_CONFIG);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) {
    List<Finding> found = new ArrayList<>();
    facts.image().config().env().forEach((name, value) -> SecretLooking.why(name, value).ifPresent(why ->
        found.add(Finding.config(Rule.SECRET_IN_CONFIG, "Env." + name, "Environment variable " + name
            + " looks like a secret (" + why + ")."))));
    facts.image().config().labels().forEach((name, value) -> {
      if (METADATA_LABELS.stream().noneMatch(name::startsWith)) {
        SecretLooking.why(name, value).ifPresent(why -> found.add(Finding.config(Rule.SECRET_IN_CONFIG,
            "Labels." + name, "Label " + name + " looks like a secret (" + why + ").")));
      }
    });
    return found;
  }
}
