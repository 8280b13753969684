package dev.multistage.check;

import dev.multistage.plan.BaseSource;
import java.nio.file.Path;

/** What the {@code check} goal checks: the image the image goal built, or one named by {@code check.image}. */
public sealed interface CheckSubject {

  /** How the outputs name it. */
  String display();

  /**
   * The image.tar, or the index layout of a multi-platform build, in {@code outputDirectory}.
   *
   * @param reference the built image's reference ({@code ghcr.io/acme/shop:1.0})
   */
  record Built(Path outputDirectory, String reference) implements CheckSubject {
    @Override
    public String display() {
      return reference;
    }
  }

  /** An image in a registry, a docker-archive ({@code tar:}) or an OCI layout ({@code oci:}). */
  record Given(BaseSource source) implements CheckSubject {
    @Override
    public String display() {
      return source.display();
    }
  }
}
