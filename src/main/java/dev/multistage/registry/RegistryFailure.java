package dev.multistage.registry;

import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import dev.multistage.plan.InvalidParameterException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
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
 */
record RegistryFailure(
    String parameter, String registry, String repository, String reference, String action, boolean allowInsecure) {

  private static final String REACH_FIX = "check the host and port; a plain-HTTP registry also needs "
      + "<allowInsecureRegistries>true</allowInsecureRegistries>.";

  InvalidParameterException explain(Exception e, CredentialLookup.Login login) {
    for (Throwable t = e; t != null; t = t.getCause()) {
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
        return new InvalidParameterException(parameter, "registry " + registry + " did not answer over verified "
            + "HTTPS (it may speak plain HTTP, or use a certificate this JVM does not trust)"
            + (allowInsecure ? ": " + t.getMessage() + "." : "."),
            allowInsecure ? "check the registry's TLS setup." : REACH_FIX, e);
      }
      if (t instanceof RegistryCredentialsNotSentException) {
        return new InvalidParameterException(parameter, "registry " + registry + " asks for credentials, but they "
            + "are not sent over plain HTTP to a host other than this machine.",
            "serve the registry over HTTPS.", e);
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
        if (status == 404 && action.equals("pull")) {
          return notFound(e);
        }
        if (status >= 500) {
          return new InvalidParameterException(parameter, "registry " + registry + " failed with HTTP " + status
              + " while trying to " + action + " " + reference + ", " + RegistryConnection.ATTEMPTS + " times.",
              "try again later; if it persists, check the registry's health.", e);
        }
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (action.equals("pull") && message.toLowerCase(Locale.ROOT).contains("manifest unknown")) {
      return notFound(e);
    }
    return new InvalidParameterException(parameter, "could not " + action + " " + reference + ": " + message,
        "check the reference and the registry; run with -X for details.", e);
  }

  private static int statusIn(Throwable t, int otherwise) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ResponseException r) {
        return r.getStatusCode();
      }
    }
    return otherwise;
  }

  private InvalidParameterException unreachable(String why, Exception e) {
    return new InvalidParameterException(parameter, "cannot reach registry " + registry + " (" + why + ").",
        REACH_FIX, e);
  }

  private InvalidParameterException denied(int status, CredentialLookup.Login login, Exception e) {
    String verb = action.equals("push") ? "push to" : "pull from";
    return new InvalidParameterException(parameter, "registry " + registry + " did not let " + login.source()
        + " " + verb + " repository " + repository + " (HTTP " + status + ").",
        "run docker login " + registry + ", set " + CredentialLookup.USERNAME_ENV + "/"
            + CredentialLookup.PASSWORD_ENV + ", or add a <server> with id " + registry
            + " to settings.xml; check that the account may " + action + " " + repository + ".", e);
  }

  private InvalidParameterException notFound(Exception e) {
    return new InvalidParameterException(parameter, reference + " was not found (manifest unknown).",
        "check the repository and tag/digest.", e);
  }
}
