package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
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
