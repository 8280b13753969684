package dev.multistage.engine;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import dev.multistage.plan.InvalidParameterException;

/** The {@code to} repository split into registry host and repository path. */
record TargetReference(String registry, String repository) {

  static TargetReference parse(String to) {
    try {
      ImageReference ref = ImageReference.parse(to);
      if (ref.getTag().isPresent() && !ref.getTag().get().equals("latest") || ref.getDigest().isPresent()) {
        throw new InvalidParameterException("to", "'" + to + "' carries a tag or digest.",
            "write only registry/repository in <to> and list tags in <tags>.");
      }
      return new TargetReference(ref.getRegistry(), ref.getRepository());
    } catch (InvalidImageReferenceException e) {
      throw new InvalidParameterException("to", "'" + to + "' is not a repository reference.",
          "write registry/repository, e.g. ghcr.io/acme/shop or 127.0.0.1:5000/shop.");
    }
  }
}
