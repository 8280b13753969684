package dev.multistage.check;

import dev.multistage.plan.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every rule, run over one image: the filesystem is read once and each inspection looks at it. */
public final class Checks {
  static final List<Inspection> INSPECTIONS = List.of(new UserRules(), new ProvenanceRules(), new HealthcheckRule(),
      new PlatformRules(), new BuildTools(), new ConfigSecrets(), new SecretFiles(), new FileModes(),
      new AppReadability(), new ReadOnlyRoot());

  private Checks() {}

  /** What the rules not in {@code skipped} find in {@code image}. */
  public static List<Finding> run(CheckedImage image, Set<Rule> skipped) throws IOException {
    ImageFacts facts = ImageFacts.read(image);
    List<Finding> found = new ArrayList<>();
    for (Inspection inspection : INSPECTIONS) {
      if (!skipped.containsAll(inspection.rules())) {
        inspection.inspect(facts).stream().filter(f -> !skipped.contains(f.rule())).forEach(found::add);
      }
    }
    return found;
  }

  /** A finding for each configured platform a multi-platform image has no manifest for. */
  public static List<Finding> missingPlatforms(List<Platform> configured, List<Platform> present) {
    return PlatformRules.absent(configured, present);
  }
}
