package dev.multistage.registry;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import dev.multistage.image.Image;
import dev.multistage.image.ImageDestination;
import dev.multistage.image.ImageIndex;
import dev.multistage.image.Layer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The push side: sends an {@link Image} to a registry, uploading only the blobs it lacks, manifest last. */
public final class RegistrySink {
  private static final String PARAMETER = "to";

  private final RegistryOptions options;
  private final CredentialLookup credentials;

  public RegistrySink(RegistryOptions options) {
    this(options, new CredentialLookup(options));
  }

  RegistrySink(RegistryOptions options, CredentialLookup credentials) {
    this.options = options;
    this.credentials = credentials;
  }

  /**
   * A repository of a registry as a destination: each write pushes under {@code tags}, mounting missing blobs from
   * {@code mountFromRepository} when it lives on the same registry; {@link Destination#result()} says what moved.
   */
  public Destination to(String registry, String repository, List<String> tags,
      Optional<String> mountFromRepository) {
    return new Destination(registry, repository, tags, mountFromRepository);
  }

  /** A push target; what the last write pushed is its {@link #result()}. */
  public final class Destination implements ImageDestination {
    private final String registry;
    private final String repository;
    private final List<String> tags;
    private final Optional<String> mountFrom;
    private PushResult result;

    private Destination(String registry, String repository, List<String> tags, Optional<String> mountFrom) {
      this.registry = registry;
      this.repository = repository;
      this.tags = List.copyOf(tags);
      this.mountFrom = mountFrom;
    }

    @Override
    public void write(Image image) {
      result = push(image, registry, repository, tags, mountFrom);
    }

    @Override
    public void write(ImageIndex index) {
      result = pushIndex(index, registry, repository, tags, mountFrom);
    }

    public PushResult result() {
      if (result == null) {
        throw new IllegalStateException("nothing was pushed to " + registry + "/" + repository + " yet");
      }
      return result;
    }
  }

  /**
   * Pushes {@code image} to {@code registry/repository} under every tag (by digest only when {@code tags} is
   * empty).
   *
   * @param mountFromRepository a repository to mount missing blobs from, typically the base image's; used only
   *     when it lives on {@code registry} (written {@code repo} or {@code registry/repo})
   */
  public PushResult push(Image image, String registry, String repository, List<String> tags,
      Optional<String> mountFromRepository) {
    String reference = registry + "/" + repository;
    String mountFrom = mountFromRepository.flatMap(m -> sameRegistryRepository(m, registry))
        .filter(m -> !m.equals(repository)).orElse(null);
    CredentialLookup.Login login = credentials.find(registry, repository);
    RegistryFailure failure = new RegistryFailure(PARAMETER, registry, repository,
        reference + (tags.isEmpty() ? "" : ":" + tags.get(0)), "push", options.allowInsecure());
    List<String> taggedSoFar = new ArrayList<>();
    boolean connected = false;
    try (RegistryConnection connection =
        RegistryConnection.open(options, login, registry, repository, true, mountFrom, retries())) {
      connected = true;
      Map<String, Blob> blobs = new LinkedHashMap<>();
      for (Layer layer : image.layers()) {
        blobs.putIfAbsent(layer.descriptor().digest(), Blobs.from(layer.blob()));
      }
      byte[] config = image.configBytes();
      blobs.putIfAbsent(image.configDescriptor().digest(), Blobs.from(out -> out.write(config), true));
      int uploaded = 0;
      int skipped = 0;
      int mounted = 0;
      for (Map.Entry<String, Blob> blob : blobs.entrySet()) {
        DescriptorDigest digest = ManifestChoice.digest(blob.getKey());
        if (connection.retrying("check blob " + digest, () -> connection.client.checkBlob(digest)).isPresent()) {
          skipped++;
          options.debug().accept("Blob " + digest + " is already in " + reference + ".");
          continue;
        }
        boolean wasMounted = connection.retrying("push blob " + digest,
            () -> connection.client.pushBlob(digest, blob.getValue(), mountFrom, written -> {}));
        if (wasMounted) {
          mounted++;
          options.debug().accept("Mounted blob " + digest + " into " + reference + " from " + mountFrom + ".");
        } else {
          uploaded++;
          options.debug().accept("Uploaded blob " + digest + " to " + reference + ".");
        }
      }
      // the manifest goes last: until every blob is there, no tag points at the new image
      String expected = image.manifestDescriptor().digest();
      tag(connection, image.manifestTemplate(), expected, tags, reference, taggedSoFar);
      options.info().accept("Pushed " + reference + "@" + expected + (tags.isEmpty() ? "" : " as "
          + String.join(", ", tags)) + " (" + uploaded + " blobs uploaded, " + mounted + " mounted, " + skipped
          + " already there).");
      return new PushResult(reference, expected, tags, uploaded, skipped, mounted);
    } catch (IOException | RegistryException e) {
      throw (connected ? failure.withNote(interrupted(tags, taggedSoFar)) : failure).explain(e, login);
    }
  }

  /**
   * Pushes a multi-platform image: every platform's image by digest first, then the manifest list (or OCI index)
   * under every tag, so a tag never points at a list whose images are missing.
   */
  public PushResult pushIndex(ImageIndex index, String registry, String repository, List<String> tags,
      Optional<String> mountFromRepository) {
    int uploaded = 0;
    int skipped = 0;
    int mounted = 0;
    for (Image image : index.images()) {
      PushResult one = push(image, registry, repository, List.of(), mountFromRepository);
      uploaded += one.uploaded();
      skipped += one.skipped();
      mounted += one.mounted();
    }
    String reference = registry + "/" + repository;
    CredentialLookup.Login login = credentials.find(registry, repository);
    RegistryFailure failure = new RegistryFailure(PARAMETER, registry, repository,
        reference + (tags.isEmpty() ? "" : ":" + tags.get(0)), "push", options.allowInsecure());
    List<String> taggedSoFar = new ArrayList<>();
    try (RegistryConnection connection =
        RegistryConnection.open(options, login, registry, repository, true, null, retries())) {
      String expected = index.descriptor().digest();
      tag(connection, index.template(), expected, tags, reference, taggedSoFar);
      options.info().accept("Pushed " + reference + "@" + expected + " (" + index.images().size() + " platforms)"
          + (tags.isEmpty() ? "" : " as " + String.join(", ", tags)) + ".");
      return new PushResult(reference, expected, tags, uploaded, skipped, mounted);
    } catch (IOException | RegistryException e) {
      throw failure.withNote(interrupted(tags, taggedSoFar)).explain(e, login);
    }
  }

  /**
   * Pushes {@code manifest} under every tag (by digest when there is none), checking the registry computed the
   * digest the build did; {@code tagged} collects the tags done, for the message if a later one fails.
   */
  private static void tag(RegistryConnection connection, ManifestTemplate manifest, String expected, List<String> tags,
      String reference, List<String> tagged) throws IOException, RegistryException {
    for (String qualifier : tags.isEmpty() ? List.of(expected) : tags) {
      DescriptorDigest pushed = connection.retrying("push manifest " + qualifier,
          () -> connection.client.pushManifest(manifest, qualifier));
      if (!pushed.toString().equals(expected)) {
        throw new IllegalStateException("the manifest pushed as " + reference + ":" + qualifier + " has digest "
            + pushed + " but the build computed " + expected);
      }
      tagged.add(qualifier);
    }
  }

  /** What a push that failed left in the registry, for its error message. */
  private static String interrupted(List<String> tags, List<String> tagged) {
    if (tagged.isEmpty()) {
      return "No tag was changed (the manifest is pushed last); pushing again sends only the blobs still missing.";
    }
    List<String> untouched = tags.stream().filter(t -> !tagged.contains(t)).toList();
    return "Tags " + tagged + " already point at the new image, " + untouched + " do not yet; push again.";
  }

  /** A push has no other source to turn to: it waits out refusals and timeouts too, within the budget. */
  private RetryPolicy retries() {
    return RetryPolicy.forRegistry(options.retryBudget(), options.info());
  }

  /** {@code repo} or {@code registry/repo} to the repository on {@code registry}; empty for another registry. */
  static Optional<String> sameRegistryRepository(String value, String registry) {
    int slash = value.indexOf('/');
    if (slash > 0) {
      String first = value.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first.equals(registry) ? Optional.of(value.substring(slash + 1)) : Optional.empty();
      }
    }
    return Optional.of(value);
  }
}
