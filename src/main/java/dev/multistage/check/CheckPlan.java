package dev.multistage.check;

import dev.multistage.plan.Platform;
import dev.multistage.plan.PullPlan;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one check needs, decided and checked before any image is read.
 *
 * @param platforms the platforms the image should be for, as configured
 * @param pulls mirrors and offline mode, for an image named in a registry
 * @param tool what check.sarif says about the tool and where it is configured
 */
public record CheckPlan(CheckSubject subject, List<Platform> platforms, CheckPolicy policy, Directories directories,
    PullPlan pulls, Tool tool) {

  public CheckPlan {
    platforms = List.copyOf(platforms);
  }

  /**
   * @param output where check.json and check.sarif go, beside the image goal's outputs
   * @param work scratch space for layer blobs read out of archives
   * @param cache the shared cache pulled blobs go into
   */
  public record Directories(Path output, Path work, Path cache) {}

  /**
   * @param version the plugin's version
   * @param pomUri the pom that configures the check, relative to the repository root ({@code shop/pom.xml})
   */
  public record Tool(String version, String pomUri) {}
}
