package dev.multistage.plan;

import java.util.List;

/**
 * Where the image goes: its repository and tags, whether the build pushes it, its manifest format, and the
 * platforms it is built for.
 *
 * @param to target repository ({@code registry/repo} or just {@code repo}) without a tag
 * @param tags tags to apply; the first is the one {@code image.tar} is named with
 */
public record Target(String to, List<String> tags, boolean push, ManifestFormat format, List<Platform> platforms) {

  public Target {
    tags = List.copyOf(tags);
    platforms = List.copyOf(platforms);
    if (platforms.isEmpty() || platforms.stream().distinct().count() != platforms.size()) {
      throw new InvalidParameterException("platforms", "'" + platforms + "' is empty or names a platform twice.",
          "list each platform once, e.g. linux/amd64,linux/arm64.");
    }
    if (tags.isEmpty()) {
      throw new InvalidParameterException("tags", "no tag is set.", "set <tags> to at least one tag, e.g. 1.0.0.");
    }
    for (String tag : tags) {
      if (!tag.matches("[\\w][\\w.-]{0,127}")) {
        throw new InvalidParameterException("tags", "'" + tag + "' is not a valid tag.",
            "use letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-').");
      }
    }
  }

  /**
   * The platform {@code image.tar} holds and the report details: linux/amd64 when it is built, else the first one,
   * so the file does not depend on the machine that builds it.
   */
  public Platform platform() {
    return platforms.contains(Platform.LINUX_AMD64) ? Platform.LINUX_AMD64 : platforms.get(0);
  }

  public boolean multiPlatform() {
    return platforms.size() > 1;
  }

  /** {@code to:firstTag}, the name {@code image.tar} carries. */
  public String reference() {
    return to + ":" + tags.get(0);
  }
}
