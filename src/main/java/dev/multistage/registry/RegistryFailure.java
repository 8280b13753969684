package dev.multistage.registry;

import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
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

  private static final String REACH_FIX = "check the host and port; a plain-HTTP registry also needs "
      + "<allowInsecureRegistries>true</allowInsecureRegistries>.";
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
    for (Throwable t : Causes.of(e)) {
      if (t instanceof UnknownHostException) {
        return unreachable("unknown host", e);
      }
      if (t instanceof ConnectException) {
        return unreachable("connection refused", e);
      }
      if (t instanceof NoRouteToHostException) {
        return unreachable("no route to host", e);
      }
      if (t instanceof SocketTimeoutException) {
        return unreachable("timed out", e);
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
              + reference + ", " + RegistryConnection.ATTEMPTS + " times.",
              "try again later; if it persists, check the registry's health and rate limits.", e);
        }
      }
      if (t instanceof SocketException) {
        return unavailable("the connection to registry " + registry + " broke while trying to " + action + " "
            + reference + " (" + t.getMessage() + "), " + RegistryConnection.ATTEMPTS + " times.",
            "try again later; if it persists, check the network and the registry.", e);
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
    return error("could not " + action + " " + reference + ": " + message,
        "check the reference and the registry; run with -X for details.", e);
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
  private RuntimeException unreachable(String why, Exception e) {
    boolean world = !why.equals("unknown host");
    if (!action.equals("pull")) {
      String problem = "cannot reach registry " + registry + " (" + why + ").";
      // plain HTTP is a fix only while it is not allowed yet
      String fix = allowInsecure ? "check the host and port, and that the registry is up." : REACH_FIX;
      return world ? unavailable(problem, fix, e) : error(problem, fix, e);
    }
    boolean maybePlainHttp = !allowInsecure && world;
    Problem problem = world ? this::unavailable : this::error;
    return problem.make("cannot pull " + stage() + " " + reference + ": cannot reach registry " + registry + " (" + why
        + ").", "if this machine cannot reach " + registry + ", pull through a mirror (<registryMirrors><"
        + mirrorKey() + ">mirror.example.com</" + mirrorKey() + "></registryMirrors>), use a base from a file (<"
        + parameter + ">tar:base.tar</" + parameter + "> or oci:dir), or build offline (-o) from the base cache an "
        + "earlier online build filled" + (maybePlainHttp ? "; a plain-HTTP registry also needs "
        + "<allowInsecureRegistries>true</allowInsecureRegistries>." : "."), e);
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
      case ENVIRONMENT -> "check " + CredentialLookup.USERNAME_ENV + "/" + CredentialLookup.PASSWORD_ENV
          + " (or their _FILE variants): the token may have expired or lack the scope to " + action + ".";
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
