package dev.multistage.engine;

import dev.multistage.image.BaseImage;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import java.io.IOException;

/** Loads a base image from wherever its reference points, for one platform, refusing unpinned registry bases. */
final class BaseLoader {
  private final ImageSources sources;
  private final boolean requirePinned;

  BaseLoader(ImageSources sources, boolean requirePinned) {
    this.sources = sources;
    this.requirePinned = requirePinned;
  }

  BaseImage load(BaseSource source, Platform platform, String parameter) throws IOException {
    if (source instanceof BaseSource.Registry r && !r.pinned() && requirePinned) {
      String digest = sources.registry().resolveDigest(r, parameter);
        throw new InvalidParameterException(parameter, "'" + r.display() + "' is not pinned by digest, so the same "
          + "build could get a different base tomorrow.",
          "use <" + parameter + ">" + r.pinnedTo(digest) + "</" + parameter + "> (what the tag points to now), "
            + "or set <requirePinnedBases>false</requirePinnedBases>.");
    }
    BaseImage base = sources.of(source, parameter).image(platform);
    String os = base.config().os().orElse(platform.os());
    String arch = base.config().architecture().orElse(platform.architecture());
    if (!platform.matches(os, arch, null)) {
      throw new InvalidParameterException(parameter, source.display() + " is a " + os + "/" + arch + " image, not "
          + platform + ".", "use a base built for " + platform + ", or set <platforms> to " + os + "/" + arch + ".");
    }
    return base;
  }
}
