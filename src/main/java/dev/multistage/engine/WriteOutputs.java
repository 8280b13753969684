package dev.multistage.engine;

import dev.multistage.archive.DockerArchive;
import dev.multistage.archive.OciLayout;
import dev.multistage.image.Image;
import dev.multistage.image.ImageDestination;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.ImageIndex;
import dev.multistage.plan.ImagePlan;
import dev.multistage.report.SizeReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Step: writes {@code target/multistage/} all at once — image.tar (docker-archive, or OCI when asked), the index
 * layout of a multi-platform build, image-digest, image-id and the report — through a staging directory, so a
 * failed build leaves the previous outputs as they were.
 */
final class WriteOutputs {
  /** Where a multi-platform build writes all its platforms and the manifest list, as an OCI layout. */
  static final String INDEX_DIRECTORY = "index";

  private WriteOutputs() {}

  /** @return the output directory */
  static Path write(ImagePlan plan, Image image, Optional<ImageIndex> index, SizeReport report) throws IOException {
    try (OutputDirectory out = new OutputDirectory(plan.outputs().outputDirectory())) {
      Path staging = out.staging();
      Path tar = staging.resolve("image.tar");
      String tag = plan.target().tags().get(0);
      ImageDestination imageTar = image.format() == ImageFormat.OCI ? OciLayout.archive(tar, tag)
          : DockerArchive.to(tar, plan.target().tags().stream().map(t -> plan.target().to() + ":" + t).toList());
      imageTar.write(image);
      if (index.isPresent()) {
        OciLayout.directory(staging.resolve(INDEX_DIRECTORY), tag).write(index.get());
      }
      // the digest the tags point at: the manifest list's when there are several platforms
      String digest = index.map(i -> i.descriptor().digest()).orElse(image.manifestDescriptor().digest());
      Files.writeString(staging.resolve("image-digest"), digest, StandardCharsets.UTF_8);
      Files.writeString(staging.resolve("image-id"), image.id(), StandardCharsets.UTF_8);
      report.writeTo(staging);
      out.commit();
      return out.target();
    }
  }
}
