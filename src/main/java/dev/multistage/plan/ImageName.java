package dev.multistage.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The image's name: {@code to} read as Docker reads a reference, with its tags. A tag written in {@code to}
 * ({@code ghcr.io/acme/shop:1.0}) is the first tag, as Jib's {@code to.image}; a digest there is refused, since an
 * image is pushed to tags.
 *
 * @param repository {@code [host[:port]/]path}, lowercase path, no tag
 * @param tags the tag from {@code to} (when it has one), then {@code tags}; never empty
 */
public record ImageName(String repository, List<String> tags) {
  private static final Pattern HOST = Pattern.compile(
      "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");
  private static final Pattern PATH = Pattern.compile(
      "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final String RULE = "write [registry-host[:port]/]repository with a lowercase repository (letters, "
      + "digits, and . _ - between them), e.g. ghcr.io/acme/shop or 127.0.0.1:5000/shop";

  public ImageName {
    tags = List.copyOf(tags);
  }

  /**
   * @param to the {@code to} parameter
   * @param configuredTags the {@code tags} parameter, empty when unset
   * @param defaultTag the tag when neither {@code to} nor {@code tags} names one (the project's version)
   * @throws InvalidParameterException naming {@code to} with the rule, before any work is done
   */
  public static ImageName parse(String to, List<String> configuredTags, String defaultTag) {
    if (to == null || to.isBlank()) {
      throw new InvalidParameterException("to", "no target repository is set.", RULE + ".");
    }
    String name = to.trim();
    if (name.contains("@")) {
      throw new InvalidParameterException("to", "'" + to + "' names a digest; an image is pushed to tags, and its "
          + "digest follows from its content.", "write <to>" + name.substring(0, name.indexOf('@'))
          + "</to> and list the tags in <tags>.");
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    String tag = colon > slash ? name.substring(colon + 1) : null;
    String repository = tag == null ? name : name.substring(0, colon);
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new InvalidParameterException("to", "'" + tag + "' in '" + to + "' is not a valid tag.",
          "use letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-'), or no tag in <to>.");
    }
    checkRepository(to, repository);
    List<String> tags = new ArrayList<>();
    if (tag != null) {
      tags.add(tag);
    }
    configuredTags.stream().filter(t -> !tags.contains(t)).forEach(tags::add);
    if (tags.isEmpty()) {
      tags.add(defaultTag);
    }
    return new ImageName(repository, tags);
  }

  private static void checkRepository(String to, String repository) {
    int first = repository.indexOf('/');
    String host = first < 0 ? "" : repository.substring(0, first);
    boolean hasHost = !host.isEmpty() && (host.contains(".") || host.contains(":") || host.equals("localhost"));
    String path = hasHost ? repository.substring(first + 1) : repository;
    if (hasHost && !HOST.matcher(host).matches()) {
      throw new InvalidParameterException("to", "'" + host + "' in '" + to + "' is not a registry host[:port].",
          RULE + ".");
    }
    if (PATH.matcher(path).matches()) {
      return;
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (PATH.matcher(lower).matches()) {
      throw new InvalidParameterException("to", "'" + to + "' has uppercase letters; a repository name must be "
          + "lowercase (only the registry host may have capitals).",
          "write <to>" + (hasHost ? host + "/" : "") + lower + "</to>.");
    }
    throw new InvalidParameterException("to", "'" + to + "' is not a repository name.", RULE + ".");
  }
}
