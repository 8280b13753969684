package dev.multistage.engine;

import dev.multistage.archive.ImageTar;
import dev.multistage.archive.OciLayout;
import dev.multistage.check.CheckPlan;
import dev.multistage.check.CheckSubject;
import dev.multistage.check.CheckedImage;
import dev.multistage.image.BaseImage;
import dev.multistage.image.Image;
import dev.multistage.image.ImageSource;
import dev.multistage.image.Layer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The images a check reads, one per platform: the image goal's image.tar or multi-platform index, or the image
 * {@code check.image} names, read through the same sources a base is read through.
 */
final class CheckedImages {
  static final String PARAMETER = "check.image";

  private CheckedImages() {}

  /** @param blobs where layer blobs read out of archives go */
  static List<CheckedImage> read(CheckPlan plan, ImageSources sources, Path blobs) throws IOException {
    if (plan.subject() instanceof CheckSubject.Built built) {
      return built(built, plan.platforms(), blobs);
    }
    BaseSource source = ((CheckSubject.Given) plan.subject()).source();
    ImageSource images = sources.of(source, PARAMETER);
    boolean tagOnly = source instanceof BaseSource.Registry r && !r.pinned();
    List<CheckedImage> read = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Platform platform : plan.platforms()) {
      BaseImage image = images.image(platform);
      // a docker-archive or a single-image layout is the same image whatever platform is asked for
      if (seen.add(image.manifestDigest())) {
        read.add(new CheckedImage(source.display(), tagOnly ? image.digest() : Optional.of(image.manifestDigest()),
            tagOnly, plan.platforms(), image.config(), blobs(image.layers())));
      }
    }
    return read;
  }

  private static List<CheckedImage> built(CheckSubject.Built built, List<Platform> platforms, Path blobs)
      throws IOException {
    Path index = built.outputDirectory().resolve(WriteOutputs.INDEX_DIRECTORY);
    List<Image> images;
    if (Files.isDirectory(index)) {
      images = OciLayout.readIndexDirectory(index, blobs, "outputDirectory").images();
    } else {
      Path tar = built.outputDirectory().resolve("image.tar");
      if (!Files.isRegularFile(tar)) {
        throw new InvalidParameterException(PARAMETER, "there is no image to check: " + tar + " does not exist.",
            "run the image goal first (mvn verify runs it at package), or name an image: -Dmultistage.check.image="
                + "registry/repository@sha256:…, tar:file or oci:directory.");
      }
      images = List.of(ImageTar.read(tar, blobs));
    }
    return images.stream().map(i -> new CheckedImage(built.reference(),
        Optional.of(i.manifestDescriptor().digest()), false, platforms, i.config(), blobs(i.layers()))).toList();
  }

  private static List<Path> blobs(List<Layer> layers) {
    return layers.stream().map(Layer::blob).toList();
  }
}
