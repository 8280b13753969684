package dev.multistage.check;

import java.util.List;
import java.util.Set;

/** The image has a HEALTHCHECK a runtime can run. */
final class HealthcheckRule implements Inspection {

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.HEALTHCHECK_MISSING);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) {
    List<String> test = facts.image().config().healthcheckTest();
    if (test.isEmpty()) {
      return List.of(Finding.config(Rule.HEALTHCHECK_MISSING, "Healthcheck", "The image has no HEALTHCHECK."));
    }
    if (test.get(0).equals("NONE")) {
      return List.of(Finding.config(Rule.HEALTHCHECK_MISSING, "Healthcheck",
          "The image's HEALTHCHECK is NONE: it turns off the base's healthcheck."));
    }
    return List.of();
  }
}
