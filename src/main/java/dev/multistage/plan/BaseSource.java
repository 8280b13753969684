package dev.multistage.plan;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a base image comes from: a registry reference, a docker-archive tar ({@code tar:path}) or an OCI
 * image layout directory ({@code oci:dir}, optionally {@code oci:dir:tag} to pick one of its manifests).
 */
public sealed interface BaseSource {

  /** The reference as the user wrote it, for messages and labels. */
  String display();

  /** A registry image; {@code digest} pins it. */
  record Registry(String registry, String repository, Optional<String> tag, Optional<String> digest,
      String written) implements BaseSource {
    public Registry(String registry, String repository, Optional<String> tag, Optional<String> digest) {
      this(registry, repository, tag, digest,
          registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse(""));
    }

    public boolean pinned() {
      return digest.isPresent();
    }

    /** The reference without its digest, as the user wrote it ({@code eclipse-temurin:17-jre}). */
    public String name() {
      int at = written.indexOf('@');
      return at < 0 ? written : written.substring(0, at);
    }

    /** {@code registry/repository[:tag]@digest}, the form to paste into the pom. */
    public String pinnedTo(String manifestDigest) {
      return name() + "@" + manifestDigest;
    }

    @Override
    public String display() {
      return name() + digest.map(d -> "@" + d).orElse("");
    }
  }

  /** A {@code docker save} / docker-archive tarball. */
  record Tar(Path file) implements BaseSource {
    @Override
    public String display() {
      return "tar:" + file;
    }
  }

  /** An OCI image layout directory. */
  record OciLayout(Path directory, Optional<String> tag) implements BaseSource {
    @Override
    public String display() {
      return "oci:" + directory + tag.map(t -> ":" + t).orElse("");
    }
  }

  /**
   * Parses {@code value}, resolving relative {@code tar:}/{@code oci:} paths against {@code baseDir}.
   *
   * @param parameter the parameter name used in messages
   */
  static BaseSource parse(String value, String parameter, Path baseDir) {
    if (value == null || value.isBlank()) {
      throw new InvalidParameterException(parameter, "no base image is set.",
          "set <" + parameter + "> to registry/repo:tag@sha256:…, tar:path or oci:dir.");
    }
    String v = value.trim();
    if (v.startsWith("tar:")) {
      return new Tar(baseDir.resolve(v.substring(4)).normalize());
    }
    if (v.startsWith("oci:")) {
      String rest = v.substring(4);
      int colon = rest.lastIndexOf(':');
      // "oci:dir:tag", but not a Windows drive letter or a path that contains ':' in a directory name
      if (colon > 1 && !rest.substring(colon + 1).contains("/")) {
        return new OciLayout(baseDir.resolve(rest.substring(0, colon)).normalize(),
            Optional.of(rest.substring(colon + 1)));
      }
      return new OciLayout(baseDir.resolve(rest).normalize(), Optional.empty());
    }
    String ref = v.startsWith("docker://") ? v.substring("docker://".length()) : v;
    try {
      ImageReference parsed = ImageReference.parse(ref);
      Optional<String> digest = parsed.getDigest();
      Optional<String> tag = parsed.getTag();
      return new Registry(parsed.getRegistry(), parsed.getRepository(), tag, digest, ref);
    } catch (InvalidImageReferenceException e) {
      throw new InvalidParameterException(parameter, "'" + value + "' is not an image reference.",
          "write registry/repository:tag@sha256:<digest>, tar:<file> or oci:<directory>.");
    }
  }
}
