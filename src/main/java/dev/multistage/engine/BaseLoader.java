package dev.multistage.engine;

import dev.multistage.image.BaseImage;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.registry.RegistryImages;
import dev.multistage.archive.DockerArchive;
import dev.multistage.archive.OciLayout;
import java.io.IOException;
import java.nio.file.Path;

/** Loads a base image from wherever its reference points, for one platform, refusing unpinned registry bases. */
final class BaseLoader {
  private final RegistryImages registry;
  private final Path blobDirectory;
  private final boolean requirePinned;

  BaseLoader(RegistryImages registry, Path blobDirectory, boolean requirePinned) {
    this.registry = registry;
    this.blobDirectory = blobDirectory;
    this.requirePinned = requirePinned;
  }

  BaseImage load(BaseSource source, Platform platform, String parameter) throws IOException {
    BaseImage base;
    if (source instanceof BaseSource.Registry r) {
      if (!r.pinned() && requirePinned) {
        String digest = registry.resolveDigest(r, parameter);
        throw new InvalidParameterException(parameter, "'" + r.display() + "' is not pinned by digest, so the same "
            + "build could get a different base tomorrow.",
            "use <" + parameter + ">" + r.pinnedTo(digest) + "</" + parameter + "> (what the tag points to now), "
            + "or set <requirePinnedBases>false</requirePinnedBases>.");
      }
      base = registry.pull(r, platform, parameter);
    } else if (source instanceof BaseSource.Tar t) {
      base = DockerArchive.read(t, blobDirectory, parameter);
    } else {
      base = OciLayout.read((BaseSource.OciLayout) source, platform, blobDirectory, parameter);
    }
    String os = base.config().os().orElse(platform.os());
    String arch = base.config().architecture().orElse(platform.architecture());
    if (!platform.matches(os, arch, null)) {
      throw new InvalidParameterException(parameter, source.display() + " is a " + os + "/" + arch + " image, not "
          + platform + ".", "use a base built for " + platform + ", or set <platforms> to " + os + "/" + arch + ".");
    }
    return base;
  }
}
