package dev.multistage.engine;

import dev.multistage.builder.CacheDirectories;
import dev.multistage.image.BaseImage;
import dev.multistage.image.Image;
import dev.multistage.image.ImageIndex;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.registry.PushResult;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.registry.RegistrySink;
import dev.multistage.report.PushRecord;
import dev.multistage.archive.ImageTar;
import dev.multistage.archive.OciLayout;
import dev.multistage.plan.BaseSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pushes an image to {@code to} under every tag and records the push ({@code image-digest}, {@code image.json}) in
 * the output directory. The one push path: the {@code push} goal reads the image back from {@code image.tar}, the
 * {@code image} goal with {@code push=true} hands over the image it just built.
 */
public final class ImagePush {
  static final String BASE_NAME_LABEL = "org.opencontainers.image.base.name";

  private final RegistryOptions options;
  private final Consumer<String> info;

  /** {@code options} bring credentials, logs and whether insecure registries are allowed. */
  public ImagePush(RegistryOptions options, Consumer<String> info) {
    this.options = options;
    this.info = info;
  }

  /**
   * Pushes the image that the {@code image} goal wrote to {@code outputDirectory/image.tar}, as it is: same blobs,
   * same manifest digest as {@code image-digest}.
   *
   * @param workDirectory scratch space for the layer blobs read out of the tar
   */
  public PushResult pushBuilt(Path outputDirectory, String to, List<String> tags, Path workDirectory)
      throws IOException {
    TargetReference target = TargetReference.parse(to);
    requireTags(tags);
    Files.createDirectories(workDirectory);
    Path blobs = Files.createTempDirectory(workDirectory, "push-");
    try {
      Path indexDirectory = outputDirectory.resolve(ImageBuild.INDEX_DIRECTORY);
      if (Files.isDirectory(indexDirectory)) {
        ImageIndex index = OciLayout.readIndexDirectory(indexDirectory, blobs, "outputDirectory");
        requireDigest(outputDirectory, index.descriptor().digest());
        info.accept("Pushing " + indexDirectory + " (" + index.images().size() + " platforms, "
            + index.descriptor().digest() + ") to " + target.registry() + "/" + target.repository());
        return push(index, target, tags, baseRepository(index.images().get(0)), outputDirectory);
      }
      Image image = ImageTar.read(outputDirectory.resolve("image.tar"), blobs);
      requireDigest(outputDirectory, image.manifestDescriptor().digest());
      info.accept("Pushing " + outputDirectory.resolve("image.tar") + " (" + image.manifestDescriptor().digest()
          + ") to " + target.registry() + "/" + target.repository() + " as " + String.join(", ", tags));
      return push(image, target, tags, baseRepository(image), outputDirectory);
    } finally {
      CacheDirectories.deleteTree(blobs);
    }
  }

  /** Step: pushes what this build just made, mounting the base's blobs when it came from the same registry. */
  PushResult pushJustBuilt(String to, List<String> tags, Image image, Optional<ImageIndex> index, BaseImage base,
      Path outputDirectory) throws IOException {
    TargetReference target = TargetReference.parse(to);
    Optional<String> mountFrom = base.source() instanceof BaseSource.Registry r
        && r.registry().equals(target.registry()) ? Optional.of(r.repository()) : Optional.empty();
    return index.isPresent()
        ? push(index.get(), target, tags, mountFrom, outputDirectory)
        : push(image, target, tags, mountFrom, outputDirectory);
  }

  private static Optional<String> baseRepository(Image image) {
    return Optional.ofNullable(image.config().labels().get(BASE_NAME_LABEL)).map(ImagePush::repositoryOf);
  }

  /** The image read back must be the one {@code image-digest} names, or the outputs are from different builds. */
  private static void requireDigest(Path outputDirectory, String digest) throws IOException {
    Path digestFile = outputDirectory.resolve(PushRecord.DIGEST_FILE);
    if (Files.isRegularFile(digestFile)) {
      String written = Files.readString(digestFile, StandardCharsets.UTF_8).trim();
      if (!written.equals(digest)) {
        throw new InvalidParameterException("outputDirectory", "the image in " + outputDirectory + " has digest "
            + digest + " but " + digestFile + " says " + written + "; the outputs are from different builds.",
            "run mvn package again, then push.");
      }
    }
  }

  /** Pushes {@code image} and writes {@code image-digest} and {@code image.json} into {@code outputDirectory}. */
  PushResult push(Image image, TargetReference target, List<String> tags, Optional<String> mountFrom,
      Path outputDirectory) throws IOException {
    return recorded(tags, outputDirectory, target, mountFrom, destination -> destination.write(image));
  }

  /** Pushes every platform of {@code index}, then the list under every tag; records the push like a single image. */
  PushResult push(ImageIndex index, TargetReference target, List<String> tags, Optional<String> mountFrom,
      Path outputDirectory) throws IOException {
    return recorded(tags, outputDirectory, target, mountFrom, destination -> destination.write(index));
  }

  /** Forgets the last push record, pushes, and writes the new record only when the push succeeded. */
  private PushResult recorded(List<String> tags, Path outputDirectory, TargetReference target,
      Optional<String> mountFrom, java.util.function.Consumer<RegistrySink.Destination> write) throws IOException {
    requireTags(tags);
    PushRecord.forget(outputDirectory);
    RegistrySink.Destination destination = new RegistrySink(options.withEnvironmentCredentialsFor(target.registry()))
        .to(target.registry(), target.repository(), tags, mountFrom);
    write.accept(destination);
    PushResult result = destination.result();
    new PushRecord(result).writeTo(outputDirectory);
    return result;
  }

  private static void requireTags(List<String> tags) {
    if (tags.isEmpty()) {
      throw new InvalidParameterException("tags", "no tag to push under.", "set <tags>, e.g. ${project.version}.");
    }
  }

  /** {@code registry/repo:tag@digest} (the base-name label) to {@code registry/repo}, the form mounts take. */
  static String repositoryOf(String reference) {
    String name = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
  }
}
