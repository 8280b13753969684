package dev.multistage.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
import dev.multistage.plan.PullPlan;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a pull is served from: the cache for a pinned reference (offline, the cache alone), then each mirror of the
 * registry in order, then the registry itself. A failing mirror is logged and skipped, an unreachable one for the
 * rest of the build.
 */
final class PullRoute {
  private final RegistryOptions options;
  private final BlobCache cache;
  private final CredentialLookup credentials;
  private final PullPlan pulls;
  // mirrors that could not be reached are skipped, and named in a warning, only once per build
  private final Set<String> unreachableMirrors = ConcurrentHashMap.newKeySet();

  PullRoute(RegistryOptions options, BlobCache cache, CredentialLookup credentials, PullPlan pulls) {
    this.options = options;
    this.cache = cache;
    this.credentials = credentials;
    this.pulls = pulls;
  }

  @FunctionalInterface
  interface Work<T> {
    T run(PullSource source) throws IOException, RegistryException;
  }

  /**
   * Runs {@code work} on the first source that can do it all: the cache for a pinned reference, then (online) each
   * mirror of the registry in order, then the registry itself. A failing mirror is logged, not an error.
   */
  <T> T withSource(BaseSource.Registry ref, String parameter, Work<T> work) {
    if (ref.pinned() || pulls.offline()) {
      Optional<T> cached = fromCache(ref, parameter, work);
      if (cached.isPresent()) {
        return cached.get();
      }
    }
    String origin = ref.registry();
    for (String mirror : pulls.mirrorsOf(origin)) {
      if (unreachableMirrors.contains(mirror)) {
        continue;
      }
      int slash = mirror.indexOf('/');
      String host = slash < 0 ? mirror : mirror.substring(0, slash);
      String repository = slash < 0 ? ref.repository() : mirror.substring(slash + 1) + "/" + ref.repository();
      try {
        T result = onRegistry(host, repository, "mirror " + mirror, ref, parameter, work, true);
        served(ref, "mirror " + mirror + " of " + origin);
        return result;
      } catch (InvalidParameterException | UnavailableException e) {
        boolean unreached = Causes.isUnreached(e);
        if (unreached) {
          unreachableMirrors.add(mirror);
        }
        options.info().accept("Mirror " + mirror + " of " + origin + " could not serve " + ref.display() + " ("
            + e.getMessage().replaceFirst("^<[^>]*>: ", "").replaceFirst(" Fix: .*$", "").replaceFirst("\\.$", "")
            + (unreached ? "); skipping it for the rest of this build." : "); trying the next source."));
      }
    }
    T result = onRegistry(origin, ref.repository(), "registry " + origin, ref, parameter, work, false);
    served(ref, "registry " + origin);
    return result;
  }

  /** Which source served a base: shown when there was a choice (mirrors, offline), else only with -X. */
  private void served(BaseSource.Registry ref, String source) {
    (pulls.offline() || !pulls.mirrorsOf(ref.registry()).isEmpty() ? options.info() : options.debug())
        .accept("Base " + ref.display() + " from " + source + ".");
  }

  /** Offline, the cache must hold everything; online, an incomplete cache just means "pull it". */
  private <T> Optional<T> fromCache(BaseSource.Registry ref, String parameter, Work<T> work) {
    if (pulls.offline() && !ref.pinned()) {
      throw new InvalidParameterException(parameter, "Maven is offline (-o), and the tag of '" + ref.display()
          + "' cannot be resolved without the registry.",
          "pin the base by digest (" + ref.name() + "@sha256:…), or build without -o.");
    }
    try {
      T result = work.run(new PullSource.Cache(cache));
      served(ref, "the local cache " + cache.directory());
      return Optional.of(result);
    } catch (PullSource.NotCached e) {
      if (pulls.offline() && e.corrupt) {
        throw new InvalidParameterException(parameter, "Maven is offline (-o), and " + e.getMessage() + "; "
            + ref.display() + " is no longer complete in the local base cache " + cache.directory() + ".",
            "build once online (without -o) to fetch it again, then build offline; if it is found corrupt again, "
            + "check the disk that holds the cacheDirectory.");
      }
      if (pulls.offline()) {
        throw new InvalidParameterException(parameter, "Maven is offline (-o), and " + ref.display()
            + " is not complete in the local base cache " + cache.directory() + " (" + e.getMessage() + ").",
            "run the build once online (without -o) to fill the cache, then build offline.");
      }
      options.debug().accept("Base " + ref.display() + " is not complete in the cache (" + e.getMessage() + ").");
      return Optional.empty();
    } catch (IOException | RegistryException e) {
      throw new InvalidParameterException(parameter, "the local base cache " + cache.directory() + " could not be "
          + "read for " + ref.display() + ": " + e.getMessage(), "check the cacheDirectory's permissions.", e);
    }
  }

  /**
   * Runs {@code work} on one registry. A mirror has the next source to fall back on, so it is not waited for the
   * way the registry itself is: not at all when it cannot be connected to, a tenth of the budget when it answers
   * 5xx or 429.
   */
  private <T> T onRegistry(String registry, String repository, String description, BaseSource.Registry ref,
      String parameter, Work<T> work, boolean mirror) {
    CredentialLookup.Login login = credentials.find(registry, repository);
    RegistryFailure failure = new RegistryFailure(parameter, registry, repository, ref.display(), "pull",
        options.allowInsecure());
    RetryPolicy retries = mirror ? RetryPolicy.forMirror(options.retryBudget(), options.info())
        : RetryPolicy.forRegistry(options.retryBudget(), options.info());
    try (RegistryConnection connection =
        RegistryConnection.open(options, login, registry, repository, false, null, retries)) {
      return work.run(new PullSource.Registry(connection, description, cache, options.info(), options.debug()));
    } catch (IOException | RegistryException e) {
      throw failure.explain(e, login);
    }
  }
}
