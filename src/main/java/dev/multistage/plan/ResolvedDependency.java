package dev.multistage.plan;

import java.nio.file.Path;

/**
 * A runtime dependency that ships, as the build resolved it: a jar, or a reactor module's classes directory.
 *
 * @param classifier empty when it has none
 * @param extension the file's extension as packaged, e.g. {@code jar}
 * @param snapshot a {@code -SNAPSHOT} version, which changes more often than releases
 * @param file the resolved jar or directory on disk
 */
public record ResolvedDependency(
    String groupId,
    String artifactId,
    String baseVersion,
    String classifier,
    String extension,
    boolean snapshot,
    Path file) {

  /** {@code groupId:artifactId}. */
  public String key() {
    return groupId + ":" + artifactId;
  }

  /** Its name in the image: {@code artifactId-baseVersion[-classifier].extension}, as a Maven repository names it. */
  public String fileName() {
    return artifactId + "-" + baseVersion + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
  }
}
