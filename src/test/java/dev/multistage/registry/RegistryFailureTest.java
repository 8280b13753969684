package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** An unreachable registry on a pull: the stage and reference are named, and the fixes that apply are offered. */
class RegistryFailureTest {
  private static final String REF = "eclipse-temurin:17-jdk-alpine@sha256:" + "b".repeat(64);

  @Test
  void unknownDockerHubHostOffersAMirrorAFileBaseAndAWarmCacheButNotPlainHttp() {
    String message = pull("builderImage", "registry-1.docker.io", new UnknownHostException("registry-1.docker.io"));

    assertTrue(message.startsWith("<builderImage>: cannot pull the builder image " + REF
        + ": cannot reach registry registry-1.docker.io (unknown host)."), message);
    assertTrue(message.contains("<registryMirrors><docker.io>mirror.example.com</docker.io></registryMirrors>"),
        message);
    assertTrue(message.contains("<builderImage>tar:base.tar</builderImage> or oci:dir"), message);
    assertTrue(message.contains("build offline (-o) from the base cache an earlier online build filled"), message);
    assertFalse(message.contains("allowInsecureRegistries"), "plain HTTP is no fix for an unknown host: " + message);
  }

  @Test
  void refusedConnectionAlsoOffersPlainHttpAndNamesTheRuntimeBase() {
    String message = pull("runtimeImage", "registry.example.com:5000", new ConnectException("Connection refused"));

    assertTrue(message.startsWith("<runtimeImage>: cannot pull the runtime base " + REF), message);
    assertTrue(message.contains("<registryMirrors><registry.example.com:5000>"), message);
    assertTrue(message.endsWith("a plain-HTTP registry also needs "
        + "<allowInsecureRegistries>true</allowInsecureRegistries>."), message);
  }

  @Test
  void baselineIsNamedAsTheSingleStageBaselineImage() {
    String message = pull("baselineImage", "registry-1.docker.io", new UnknownHostException("registry-1.docker.io"));

    assertTrue(message.startsWith("<baselineImage>: cannot pull the single-stage baseline image " + REF), message);
  }

  @Test
  void aRegistryThatIsDownOrFailingIsTheWorldsFailureAndATyposIsTheUsers() {
    assertInstanceOf(UnavailableException.class, explain("runtimeImage", new ConnectException("Connection refused")));
    assertInstanceOf(UnavailableException.class, explain("to", new java.net.SocketException("Connection reset")));
    assertInstanceOf(InvalidParameterException.class, explain("runtimeImage", new UnknownHostException("regsitry")));
    assertInstanceOf(InvalidParameterException.class, explain("to", new javax.net.ssl.SSLException("untrusted")));
  }

  @Test
  void aRefusedCredentialIsToBeCheckedWhereItCameFromNotAddedAgain() {
    String settings = denied(new CredentialLookup.Login(Credential.from("ci", "pw"),
        "the explicit credentials for registry.example.com (settings.xml server)",
        CredentialLookup.Origin.SETTINGS));
    String environment = denied(new CredentialLookup.Login(Credential.from("ci", "pw"),
        "the environment variables", CredentialLookup.Origin.ENVIRONMENT));
    String none = denied(CredentialLookup.Login.anonymous());

    assertTrue(settings.contains("Fix: check the username and password of the settings.xml <server> with id "
        + "registry.example.com"), settings);
    assertFalse(settings.contains("add a <server>"), settings);
    assertTrue(environment.contains("Fix: check " + CredentialLookup.USERNAME_ENV), environment);
    assertTrue(none.contains("Fix: add a <server> with id registry.example.com"), none);
  }

  @Test
  void aPushThatTimesOutNamesTheHostTheTimeWaitedAndTheBudgetAndNeverOffersPlainHttp() {
    for (boolean allowInsecure : new boolean[] {true, false}) {
      RuntimeException e = new RegistryFailure("to", "registry.example.com", "acme/shop",
          "registry.example.com/acme/shop:1", "push", allowInsecure).explain(exhausted(
              new java.net.SocketTimeoutException("connect timed out"), 5, 62_000, 60),
          CredentialLookup.Login.anonymous());

      assertInstanceOf(UnavailableException.class, e);
      assertEquals("<to>: cannot reach registry registry.example.com (timed out, 5 tries over 62 s "
          + "(registryRetryBudget 60 s)). Fix: check the host and port, and that the registry is up; to wait longer "
          + "for it, raise <registryRetryBudget> (-Dmultistage.registryRetryBudget=5m).", e.getMessage());
    }
  }

  @Test
  void serverErrorsThatOutlastTheBudgetSayHowLongTheBuildWaitedAndHowToWaitLonger() {
    RuntimeException e = new RegistryFailure("to", "registry.example.com", "acme/shop",
        "registry.example.com/acme/shop:1", "push", false).explain(exhausted(RetryPolicyTest.http(503, null), 9,
            61_400, 60), CredentialLookup.Login.anonymous());

    assertInstanceOf(UnavailableException.class, e);
    assertEquals("<to>: registry registry.example.com answered HTTP 503 while trying to push "
        + "registry.example.com/acme/shop:1, 9 tries over 61 s (registryRetryBudget 60 s). Fix: try again later; if "
        + "it persists, check the registry's health and rate limits; to wait longer for it, raise "
        + "<registryRetryBudget> (-Dmultistage.registryRetryBudget=5m).", e.getMessage());
  }

  @Test
  void aCutOffBodyThatOutlastsTheBudgetIsTheWorldsFailureNotTheUsers() {
    RuntimeException e = new RegistryFailure("runtimeImage", "registry.example.com", "library/x", REF, "pull",
        false).explain(exhausted(new IOException("Premature end of Content-Length delimited message body"), 4, 12_000,
            10), CredentialLookup.Login.anonymous());

    assertInstanceOf(UnavailableException.class, e);
    assertTrue(e.getMessage().startsWith("<runtimeImage>: could not pull " + REF + " (Premature end of "
        + "Content-Length delimited message body), 4 tries over 12 s (registryRetryBudget 10 s)."), e.getMessage());
  }

  @Test
  void aRefusedPushWithPlainHttpAllowedDoesNotOfferToAllowItAgain() {
    String allowed = new RegistryFailure("to", "registry.example.com", "acme/shop", "registry.example.com/acme/shop:1",
        "push", true).explain(new IOException(new ConnectException("Connection refused")),
        CredentialLookup.Login.anonymous()).getMessage();
    String notAllowed = new RegistryFailure("to", "registry.example.com", "acme/shop",
        "registry.example.com/acme/shop:1", "push", false).explain(new IOException(
        new ConnectException("Connection refused")), CredentialLookup.Login.anonymous()).getMessage();

    assertFalse(allowed.contains("allowInsecureRegistries"), allowed);
    assertTrue(notAllowed.contains("allowInsecureRegistries"), notAllowed);
  }

  @Test
  void aSecretThatJibQuotesInItsExceptionIsMaskedInTheMessageAndInEveryCauseAMavenStackTraceShows() {
    // jib's token request failure quotes the parameters it sent, an identity token among them
    Exception thrown = new IOException(new RegistryAuthenticationFailedException("registry.example.com", "acme/shop",
        "Did not get token in authentication response from https://auth.example.com/token; parameters: "
            + "service=registry&client_id=jib&grant_type=refresh_token&refresh_token=token-secret"));
    CredentialLookup.Login login = new CredentialLookup.Login(Credential.from("<token>", "token-secret"),
        "the identity token in MULTISTAGE_REGISTRY_TOKEN", CredentialLookup.Origin.ENVIRONMENT);

    RuntimeException e = new RegistryFailure("to", "registry.example.com", "acme/shop",
        "registry.example.com/acme/shop:1", "push", false).explain(thrown, login);

    assertInstanceOf(InvalidParameterException.class, e);
    assertTrue(e.getMessage().contains("Fix: check MULTISTAGE_REGISTRY_TOKEN (or MULTISTAGE_REGISTRY_TOKEN_FILE): the "
        + "identity token may have expired"), e.getMessage());
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    assertFalse(trace.toString().contains("token-secret"), trace.toString());
    assertTrue(trace.toString().contains("refresh_token=****"), trace.toString());
    assertTrue(trace.toString().contains("RegistryAuthenticationFailedException"), "the original class is named");
  }

  private static RetryPolicy.Exhausted exhausted(Exception last, int tries, long elapsedMillis, int budgetSeconds) {
    return new RetryPolicy.Exhausted("registry.example.com", "x", tries, java.time.Duration.ofMillis(elapsedMillis),
        java.time.Duration.ofSeconds(budgetSeconds), "registryRetryBudget", last);
  }

  private static String denied(CredentialLookup.Login login) {
    return new RegistryFailure("to", "registry.example.com", "acme/shop", "registry.example.com/acme/shop:1",
        "push", false).explain(new IOException(new RegistryAuthenticationFailedException("registry.example.com",
            "acme/shop", "401 Unauthorized")), login).getMessage();
  }

  private static RuntimeException explain(String parameter, Exception cause) {
    return new RegistryFailure(parameter, "registry.example.com", "library/eclipse-temurin", REF,
        parameter.equals("to") ? "push" : "pull", false).explain(new IOException(cause),
        CredentialLookup.Login.anonymous());
  }

  private static String pull(String parameter, String registry, Exception cause) {
    return new RegistryFailure(parameter, registry, "library/eclipse-temurin", REF, "pull", false)
        .explain(new IOException(cause), CredentialLookup.Login.anonymous()).getMessage();
  }
}
