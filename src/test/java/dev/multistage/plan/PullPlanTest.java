package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullPlanTest {

  @Test
  void dockerIoAndRegistry1DockerIoAreBothDockerHub() {
    PullPlan pulls = new PullPlan(PullPlan.parseMirrors(Map.of("docker.io", "hub-mirror.example.com"), null), false);

    assertEquals(List.of("hub-mirror.example.com"), pulls.mirrorsOf("registry-1.docker.io"));
    assertEquals(List.of("hub-mirror.example.com"), pulls.mirrorsOf("docker.io"));
    assertEquals(List.of("hub-mirror.example.com"), new PullPlan(
        PullPlan.parseMirrors(Map.of("registry-1.docker.io", "hub-mirror.example.com"), null), false)
        .mirrorsOf("registry-1.docker.io"));
    assertEquals(List.of(), pulls.mirrorsOf("ghcr.io"));
  }

  @Test
  void propertyListsRegistriesByCommaAndMirrorsBySemicolonInOrder() {
    Map<String, List<String>> mirrors = PullPlan.parseMirrors(null,
        "docker.io=a.example.com;https://b.example.com:5000/hub/ , ghcr.io=ghcr-mirror.example.com");

    assertEquals(Map.of(
        "registry-1.docker.io", List.of("a.example.com", "b.example.com:5000/hub"),
        "ghcr.io", List.of("ghcr-mirror.example.com")), mirrors);
  }

  @Test
  void propertyWinsOverThePomForTheRegistriesItNames() {
    Map<String, String> pom = new LinkedHashMap<>();
    pom.put("docker.io", "pom-mirror.example.com");
    pom.put("quay.io", "quay-mirror.example.com");

    Map<String, List<String>> mirrors = PullPlan.parseMirrors(pom, "docker.io=ci-mirror.example.com");

    assertEquals(List.of("ci-mirror.example.com"), mirrors.get("registry-1.docker.io"));
    assertEquals(List.of("quay-mirror.example.com"), mirrors.get("quay.io"));
  }

  @Test
  void entryWithoutEqualsSignFailsNamingTheParameterAndTheFormat() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> PullPlan.parseMirrors(null, "mirror.example.com"));

    assertEquals("registryMirrors", e.parameter());
    assertEquals("<registryMirrors>: 'mirror.example.com' in multistage.registryMirrors has no '='. Fix: write "
        + "registry=mirror[;mirror…], entries separated by ',', e.g. "
        + "docker.io=mirror.example.com,ghcr.io=ghcr-mirror.example.com.", e.getMessage());
  }

  @Test
  void mirrorThatIsNotAHostFails() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> PullPlan.parseMirrors(Map.of("docker.io", "mirror.example.com/hub:latest"), null));

    assertEquals("<registryMirrors>: mirror 'mirror.example.com/hub:latest' of docker.io is not a registry host "
        + "with an optional path. Fix: write host[:port][/path], e.g. mirror.example.com or "
        + "harbor.example.com/dockerhub-proxy.", e.getMessage());
  }

  @Test
  void registryWithoutAMirrorFails() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> PullPlan.parseMirrors(null, "docker.io= ;"));

    assertEquals("registryMirrors", e.parameter());
    assertEquals("give it one or more mirrors separated by ';', or remove it.", e.fix());
  }
}
