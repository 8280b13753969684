package dev.multistage.registry;

import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
import java.net.SocketException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns what jib's registry client throws into one clear {@link InvalidParameterException}.
 *
 * @param parameter the parameter that named the image ({@code to}, {@code runtimeImage}, …)
 * @param registry the registry host
 * @param repository the repository in it
 * @param reference the reference as the user knows it, for "not found"
 * @param action what was attempted: {@code pull} or {@code push}
 * @param allowInsecure whether plain HTTP was allowed
 * @param note what the failure left behind, appended to the problem (empty for nothing to say)
 */
record RegistryFailure(
    String parameter, String registry, String repository, String reference, String action, boolean allowInsecure,
    String note) {

  private static final String TRUST_FIX = "make this JVM trust the registry's certificate (MAVEN_OPTS=\""
      + "-Djavax.net.ssl.trustStore=<truststore> -Djavax.net.ssl.trustStorePassword=<password>\", see docs/ci.md), "
      + "or set <allowInsecureRegistries>true</allowInsecureRegistries> to skip verification.";

  RegistryFailure(String parameter, String registry, String repository, String reference, String action,
      boolean allowInsecure) {
    this(parameter, registry, repository, reference, action, allowInsecure, "");
  }

  /** The same failure with {@code note} (what state the failure left) added to its message. */
  RegistryFailure withNote(String note) {
    return new RegistryFailure(parameter, registry, repository, reference, action, allowInsecure, note);
  }

  /**
   * What went wrong, in the user's terms: an {@link InvalidParameterException} when configuration can fix it, an
   * {@link UnavailableException} when the registry or the network failed (down, 5xx, broken connection).
   */
  RuntimeException explain(Exception e, CredentialLookup.Login login) {
    // what jib throws may quote what it sent (its token request does): the failure carries a masked copy then
    return explain(e, login.isAnonymous() ? e : Causes.withoutSecret(e, login.credential().getPassword()), login);
  }

  /** Reads the failure from {@code thrown}; {@code e}, the same with any secret masked, is what it carries. */
  private RuntimeException explain(Exception thrown, Exception e, CredentialLookup.Login login) {
    Optional<RetryPolicy.Exhausted> retried = Causes.find(thrown, RetryPolicy.Exhausted.class);
    for (Throwable t : Causes.of(thrown)) {
      String unreached = Causes.unreached(t);
      if (unreached != null) {
        return unreachable(unreached, e, retried);
      }
      if (t instanceof InsecureRegistryException || t instanceof SSLException) {
        return error("registry " + registry + " did not answer over verified HTTPS (it may speak plain HTTP, or "
            + "use a certificate this JVM does not trust)" + (allowInsecure ? ": " + t.getMessage() + "." : "."),
            allowInsecure ? "check the registry's TLS setup." : TRUST_FIX, e);
      }
      if (t instanceof RegistryCredentialsNotSentException) {
        return error("registry " + registry + " asks for credentials, but they are not sent over plain HTTP to a "
            + "host other than this machine.", "serve the registry over HTTPS.", e);
      }
      if (t instanceof RegistryUnauthorizedException) {
        return denied(statusIn(t, 401), login, e);
      }
      if (t instanceof RegistryAuthenticationFailedException) {
        return denied(401, login, e);
      }
      if (t instanceof ResponseException r) {
        int status = r.getStatusCode();
        if (status == 401 || status == 403) {
          return denied(status, login, e);
        }
        if (status == 404) {
          return action.equals("pull") ? notFound(e) : noRepository(login, e);
        }
        if (status >= 500 || status == 429) {
          return unavailable("registry " + registry + " answered HTTP " + status + " while trying to " + action + " "
              + reference + tries(retried) + ".",
              "try again later; if it persists, check the registry's health and rate limits" + waitLonger(retried), e);
        }
      }
      if (t instanceof SocketException) {
        return unavailable("the connection to registry " + registry + " broke while trying to " + action + " "
            + reference + " (" + t.getMessage() + ")" + tries(retried) + ".",
            "try again later; if it persists, check the network and the registry" + waitLonger(retried), e);
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    if (action.equals("pull") && lower.contains("manifest unknown")) {
      return notFound(e);
    }
    if (action.equals("push") && (lower.contains("name unknown") || lower.contains("repository name not known"))) {
      return noRepository(login, e);
    }
    if (retried.isPresent()) { // a failure that was worth retrying is the world's, whatever its kind
      return unavailable("could not " + action + " " + reference + " (" + RetryPolicy.reason(e) + ")" + tries(retried)
          + ".", "try again later; if it persists, check the network and the registry" + waitLonger(retried), e);
    }
    return error("could not " + action + " " + reference + ": " + message,
        "check the reference and the registry; run with -X for details.", e);
  }

  /** {@code , 9 tries over 61 s (registryRetryBudget 60 s)} when the failure outlasted retries; else nothing. */
  private static String tries(Optional<RetryPolicy.Exhausted> retried) {
    return retried.map(r -> ", " + r.describe()).orElse("");
  }

  /** How to let the build wait longer, when waiting is what it ran out of. */
  private static String waitLonger(Optional<RetryPolicy.Exhausted> retried) {
    return retried.map(r -> "; to wait longer for it, raise <registryRetryBudget> (-Dmultistage.registryRetryBudget="
        + Math.max(5, r.budget.toMinutes() * 2) + "m).").orElse(".");
  }

  private InvalidParameterException error(String problem, String fix, Exception e) {
    return new InvalidParameterException(parameter, noted(problem), fix, e);
  }

  private UnavailableException unavailable(String problem, String fix, Exception e) {
    return new UnavailableException(parameter, noted(problem), fix, e);
  }

  private String noted(String problem) {
    return note.isEmpty() ? problem : problem + " " + note;
  }

  private static int statusIn(Throwable t, int otherwise) {
    return Causes.find(t, ResponseException.class).map(ResponseException::getStatusCode).orElse(otherwise);
  }

  /** A host that does not resolve is the configuration's to fix; one that does not answer is the world's. */
  private RuntimeException unreachable(String why, Exception e, Optional<RetryPolicy.Exhausted> retried) {
    boolean world = !why.equals(Causes.UNKNOWN_HOST);
    // plain HTTP is a fix only while it is not allowed yet, and only for a port that refuses (HTTPS on 443 when the
    // registry listens on 80); never for a host that does not resolve or does not answer
    boolean maybePlainHttp = !allowInsecure && why.equals(Causes.REFUSED);
    String reach = "cannot reach registry " + registry + " (" + why + tries(retried) + ").";
    if (!action.equals("pull")) {
      String fix = "check the host and port, and that the registry is up"
          + (maybePlainHttp ? "; a plain-HTTP registry also needs <allowInsecureRegistries>true"
              + "</allowInsecureRegistries>" : "") + waitLonger(retried);
      return world ? unavailable(reach, fix, e) : error(reach, fix, e);
    }
    Problem problem = world ? this::unavailable : this::error;
    return problem.make("cannot pull " + stage() + " " + reference + ": " + reach, "if this machine cannot reach "
        + registry + ", pull through a mirror (<registryMirrors><" + mirrorKey() + ">mirror.example.com</"
        + mirrorKey() + "></registryMirrors>), use a base from a file (<" + parameter + ">tar:base.tar</" + parameter
        + "> or oci:dir), or build offline (-o) from the base cache an earlier online build filled"
        + (maybePlainHttp ? "; a plain-HTTP registry also needs <allowInsecureRegistries>true"
            + "</allowInsecureRegistries>" : "") + waitLonger(retried), e);
  }

  private interface Problem {
    RuntimeException make(String problem, String fix, Exception e);
  }

  /** What the pulled image is for, in the user's words. */
  private String stage() {
    return switch (parameter) {
      case "runtimeImage" -> "the runtime base";
      case "builderImage" -> "the builder image";
      case "baselineImage" -> "the single-stage baseline image";
      default -> "the base";
    };
  }

  /** The registry as a {@code registryMirrors} key: Docker Hub as {@code docker.io}. */
  private String mirrorKey() {
    return registry.equals("registry-1.docker.io") || registry.equals("index.docker.io") ? "docker.io" : registry;
  }

  private InvalidParameterException denied(int status, CredentialLookup.Login login, Exception e) {
    String verb = action.equals("push") ? "push to" : "pull from";
    return error("registry " + registry + " did not let " + login.source() + " " + verb + " repository "
        + repository + " (HTTP " + status + (status == 401 ? ", not authenticated" : ", not allowed") + ").",
        status == 403 && !login.isAnonymous()
            ? "the credential is accepted but its account may not " + action + " " + repository
                + ": grant it that, or use an account that may."
            : deniedFix(login), e);
  }

  /** What to check where the refused credential came from, or where to put one when none was sent. */
  private String deniedFix(CredentialLookup.Login login) {
    return switch (login.origin()) {
      case SETTINGS -> "check the username and password of the settings.xml <server> with id " + registry
          + " (an access token may have expired or lack the scope to " + action + ").";
      case ENVIRONMENT -> "check " + (login.credential().isOAuth2RefreshToken() ? CredentialLookup.TOKEN_ENV
          + " (or " + CredentialLookup.TOKEN_ENV + "_FILE): the identity token" : CredentialLookup.USERNAME_ENV + "/"
          + CredentialLookup.PASSWORD_ENV + " (or their _FILE variants): the token") + " may have expired or lack "
          + "the scope to " + action + ".";
      case DOCKER_CONFIG -> "run docker login " + registry + " again (the stored credential may have expired), "
          + "or give the build a settings.xml <server> with id " + registry + ".";
      case ANONYMOUS -> "add a <server> with id " + registry + " to settings.xml, set "
          + CredentialLookup.USERNAME_ENV + "/" + CredentialLookup.PASSWORD_ENV
          + " (used for the push target only), or run docker login " + registry + ".";
    };
  }

  private InvalidParameterException noRepository(CredentialLookup.Login login, Exception e) {
    return error("registry " + registry + " has no repository " + repository + " that " + login.source()
        + " may push to (HTTP 404, name unknown).",
        "create the repository first (some registries, such as ECR, do not create it on push) or fix <to>.", e);
  }

  private InvalidParameterException notFound(Exception e) {
    return error(reference + " was not found (manifest unknown).", "check the repository and tag/digest.", e);
  }
}
