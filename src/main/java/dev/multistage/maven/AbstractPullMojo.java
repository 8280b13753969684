package dev.multistage.maven;

import dev.multistage.plan.Platform;
import dev.multistage.plan.PullPlan;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of the goals that read images from registries, archives and layouts — for which platforms, from
 * which mirrors, through which cache — shared by the {@code image} and {@code check} goals.
 */
abstract class AbstractPullMojo extends AbstractImageMojo {

  /**
   * Platforms, comma-separated ({@code linux/amd64}): what the {@code image} goal builds (more than one makes a
   * manifest list) and what the {@code check} goal expects the image to be for.
   */
  @Parameter(property = "multistage.platforms", defaultValue = "linux/amd64")
  String platforms;

  /**
   * Mirrors to pull registry bases from, per registry, tried in order before the registry itself:
   * {@code <registryMirrors><docker.io>mirror.example.com</docker.io></registryMirrors>} ({@code docker.io} and
   * {@code registry-1.docker.io} both mean Docker Hub; several mirrors separated by {@code ;}; a mirror may have a
   * path, {@code harbor.example.com/dockerhub-proxy}). A mirror that fails is logged and skipped; what it serves is
   * verified by digest; pushes never go to mirrors. Property {@code multistage.registryMirrors}:
   * {@code docker.io=mirror.example.com,ghcr.io=ghcr-mirror.example.com}, which wins for the registries it names.
   */
  @Parameter
  Map<String, String> registryMirrors;

  /**
   * Shared cache of pulled base images: manifests, configs and layers by digest, verified on every read (hashed
   * unless unwritten since they were hashed), and the layers, linked runtimes and base file lists builds make; safe
   * to share between builds, projects and parallel modules. Offline ({@code mvn -o}), bases come from here alone.
   */
  @Parameter(property = "multistage.cacheDirectory", defaultValue = "${user.home}/.cache/multistage")
  File cacheDirectory;

  /** {@code platforms} read and checked. */
  List<Platform> platformList() {
    return PlanFactory.csv(platforms).stream().map(p -> Platform.parse(p, "platforms")).toList();
  }

  /** {@code registryMirrors} (the property wins per registry) and Maven's offline mode. */
  PullPlan pulls() {
    return new PullPlan(PullPlan.parseMirrors(registryMirrors, property("multistage.registryMirrors")),
        session.isOffline());
  }
}
