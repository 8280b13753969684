package dev.multistage.engine;

import dev.multistage.builder.CacheDirectories;
import dev.multistage.check.CheckPlan;
import dev.multistage.check.CheckReport;
import dev.multistage.check.CheckSubject;
import dev.multistage.check.CheckedImage;
import dev.multistage.check.Checks;
import dev.multistage.check.Finding;
import dev.multistage.check.Rule;
import dev.multistage.plan.Platform;
import dev.multistage.registry.BlobCache;
import dev.multistage.registry.RegistryImages;
import dev.multistage.registry.RegistryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code check} goal's engine: reads the images, runs every rule not skipped on each, and writes check.json,
 * check.sarif and the report page's check section. Whether the build fails is the caller's to say, from the report.
 */
public final class ImageCheck {
  private final CheckPlan plan;
  private final RegistryOptions registryOptions;
  private final Consumer<String> info;

  public ImageCheck(CheckPlan plan, RegistryOptions registryOptions, Consumer<String> info) {
    this.plan = plan;
    this.registryOptions = registryOptions;
    this.info = info;
  }

  /** The check, step by step: forget the last one, read, run the rules, write and show the results. */
  public CheckReport run() throws IOException {
    Path output = plan.directories().output();
    CheckReport.forget(output);
    Files.createDirectories(plan.directories().work());
    Path blobs = Files.createTempDirectory(plan.directories().work(), "check-");
    try {
      ImageSources sources = new ImageSources(new RegistryImages(registryOptions,
          new BlobCache(plan.directories().cache()), plan.pulls()), blobs.resolve("sources"));
      List<CheckedImage> images = CheckedImages.read(plan, sources, blobs);
      CheckReport report = check(images);
      report.writeTo(output, plan.tool().version(), plan.tool().pomUri());
      if (plan.subject() instanceof CheckSubject.Built
          && report.section().addTo(output.resolve("report.html"))) {
        info.accept("Added the check to " + output.resolve("report.html").toUri());
      }
      report.consoleLines().forEach(info);
      return report;
    } finally {
      CacheDirectories.deleteTree(blobs);
    }
  }

  /** Step: every rule on every image, and the configured platforms a multi-platform subject lacks. */
  private CheckReport check(List<CheckedImage> images) throws IOException {
    List<CheckReport.Image> read = new ArrayList<>();
    List<CheckReport.Row> rows = new ArrayList<>();
    List<Platform> present = new ArrayList<>();
    for (CheckedImage image : images) {
      String platform = image.platform().orElse("unknown platform");
      read.add(new CheckReport.Image(platform, image.digest()));
      image.config().os().ifPresent(os -> image.config().architecture().ifPresent(arch -> present.add(
          new Platform(os, arch, Optional.empty()))));
      for (Finding f : Checks.run(image, plan.policy().skip())) {
        rows.add(CheckReport.Row.of(f, platform, plan.policy()));
      }
    }
    if (plan.platforms().size() > 1 && !plan.policy().skip().contains(Rule.PLATFORM_MISMATCH)) {
      for (Finding f : Checks.missingPlatforms(plan.platforms(), present)) {
        rows.add(CheckReport.Row.of(f, f.location(), plan.policy()));
      }
    }
    return new CheckReport(plan.subject().display(), read, rows, plan.policy());
  }
}
