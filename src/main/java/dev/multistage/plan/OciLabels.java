package dev.multistage.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The automatic {@code org.opencontainers.image.*} labels, from what the project says about itself. */
public final class OciLabels {
  private static final String PREFIX = "org.opencontainers.image.";

  private OciLabels() {}

  /**
   * What the pom and the checkout say about the project.
   *
   * @param name the pom's {@code <name>}; the title falls back to {@code artifactId}
   * @param revision the checked-out commit
   * @param source the SCM URL
   * @param licenses the licenses' names, in the pom's order
   * @param vendor the organization's name
   */
  public record Project(
      Optional<String> name,
      String artifactId,
      String version,
      Optional<String> description,
      Optional<String> revision,
      Optional<String> source,
      Optional<String> url,
      List<String> licenses,
      Optional<String> vendor) {

    public Project {
      licenses = List.copyOf(licenses);
    }
  }

  /** title and version always; the others when the project has them, always in the same order. */
  public static Map<String, String> of(Project project) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(PREFIX + "title", project.name().orElse(project.artifactId()));
    labels.put(PREFIX + "version", project.version());
    // a pom's description is often wrapped over several indented lines
    project.description().filter(d -> !d.isBlank())
        .ifPresent(d -> labels.put(PREFIX + "description", d.trim().replaceAll("\\s+", " ")));
    project.revision().ifPresent(rev -> labels.put(PREFIX + "revision", rev));
    project.source().ifPresent(s -> labels.put(PREFIX + "source", s));
    project.url().ifPresent(u -> labels.put(PREFIX + "url", u));
    if (!project.licenses().isEmpty()) {
      labels.put(PREFIX + "licenses", String.join(" AND ", project.licenses()));
    }
    project.vendor().ifPresent(v -> labels.put(PREFIX + "vendor", v));
    return labels;
  }
}
