package dev.multistage.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How base images are pulled: the mirrors tried, in order, before each registry, and whether the build is offline
 * (Maven's {@code -o}: bases come from the local cache alone). Pushes never use mirrors.
 *
 * @param mirrors per registry host (Docker Hub as {@value #DOCKER_HUB}), its mirrors as {@code host[:port][/path]}
 * @param offline no network at all: a pinned base must be complete in the cache
 */
public record PullPlan(Map<String, List<String>> mirrors, boolean offline) {
  /** The host jib, and so {@link BaseSource.Registry#registry()}, uses for Docker Hub. */
  public static final String DOCKER_HUB = "registry-1.docker.io";
  private static final String PARAMETER = "registryMirrors";

  public PullPlan {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    mirrors.forEach((registry, list) -> copy.put(registryKey(registry), List.copyOf(list)));
    mirrors = Collections.unmodifiableMap(new TreeMap<>(copy));
  }

  /** Straight from each registry, online. */
  public static PullPlan direct() {
    return new PullPlan(Map.of(), false);
  }

  public PullPlan withOffline(boolean offline) {
    return new PullPlan(mirrors, offline);
  }

  /** The mirrors to try before {@code registry}, in order; empty when it has none. */
  public List<String> mirrorsOf(String registry) {
    return mirrors.getOrDefault(registryKey(registry), List.of());
  }

  /**
   * Mirrors from the pom's {@code <registryMirrors>} map, then from the {@code multistage.registryMirrors} property
   * ({@code docker.io=mirror.example.com,ghcr.io=a.example.com;b.example.com}), which wins for the registries it
   * names. Either may be null. Several mirrors of one registry are separated by {@code ;}.
   */
  public static Map<String, List<String>> parseMirrors(Map<String, String> configured, String property) {
    Map<String, List<String>> mirrors = new LinkedHashMap<>();
    if (configured != null) {
      configured.forEach((registry, value) -> mirrors.put(checkedRegistry(registry), mirrorList(registry, value)));
    }
    if (property != null && !property.isBlank()) {
      for (String entry : property.split(",")) {
        if (entry.isBlank()) {
          continue;
        }
        int eq = entry.indexOf('=');
        if (eq < 0) {
          throw new InvalidParameterException(PARAMETER, "'" + entry.trim() + "' in multistage.registryMirrors has "
              + "no '='.", "write registry=mirror[;mirror…], entries separated by ',', e.g. "
              + "docker.io=mirror.example.com,ghcr.io=ghcr-mirror.example.com.");
        }
        String registry = entry.substring(0, eq);
        mirrors.put(checkedRegistry(registry), mirrorList(registry, entry.substring(eq + 1)));
      }
    }
    return mirrors;
  }

  /** {@code docker.io} and {@code index.docker.io} are Docker Hub, whose API jib calls {@value #DOCKER_HUB}. */
  static String registryKey(String registry) {
    String host = registry.trim().toLowerCase(Locale.ROOT);
    return host.equals("docker.io") || host.equals("index.docker.io") ? DOCKER_HUB : host;
  }

  private static String checkedRegistry(String registry) {
    String host = registry == null ? "" : registry.trim();
    if (!host.matches("[A-Za-z0-9.-]+(:\\d{1,5})?")) {
      throw new InvalidParameterException(PARAMETER, "'" + registry + "' is not a registry host.",
          "name the registry as images name it, e.g. docker.io, ghcr.io or registry.example.com:5000.");
    }
    return registryKey(host);
  }

  private static List<String> mirrorList(String registry, String value) {
    List<String> list = new ArrayList<>();
    for (String raw : Arrays.asList((value == null ? "" : value).split(";"))) {
      String mirror = raw.trim().replaceFirst("^(?i)https?://", "").replaceAll("/+$", "");
      if (mirror.isEmpty()) {
        continue;
      }
      if (!mirror.matches("[A-Za-z0-9.-]+(:\\d{1,5})?(/[a-z0-9._/-]+)?")) {
        throw new InvalidParameterException(PARAMETER, "mirror '" + raw.trim() + "' of " + registry.trim()
            + " is not a registry host with an optional path.",
            "write host[:port][/path], e.g. mirror.example.com or harbor.example.com/dockerhub-proxy.");
      }
      list.add(mirror);
    }
    if (list.isEmpty()) {
      throw new InvalidParameterException(PARAMETER, "registry " + registry.trim() + " has no mirror.",
          "give it one or more mirrors separated by ';', or remove it.");
    }
    return list;
  }
}
