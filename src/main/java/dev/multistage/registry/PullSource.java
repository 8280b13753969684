package dev.multistage.registry;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import dev.multistage.image.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** Where one pull's manifests and blobs come from: a registry (origin or mirror), or the cache alone. */
interface PullSource {
    /** The manifest {@code qualifier} names, its digest computed from its bytes. */
    ManifestAndDigest<ManifestTemplate> manifest(String qualifier) throws IOException, RegistryException;

    /** The blob in the cache, fetched first when it is not there. */
    Path blob(DescriptorDigest digest) throws IOException, RegistryException;

    /** {@code registry 127.0.0.1:5000}, {@code mirror …}, {@code the local cache}, for messages. */
    String describe();

  /** A registry: every manifest it sends is kept in the cache under its digest, every blob is verified there. */
  final class Registry implements PullSource {
    private final RegistryConnection connection;
    private final String description;
    private final BlobCache cache;
    private final Consumer<String> info;
    private final Consumer<String> debug;

    Registry(RegistryConnection connection, String description, BlobCache cache, Consumer<String> info,
        Consumer<String> debug) {
      this.connection = connection;
      this.description = description;
      this.cache = cache;
      this.info = info;
      this.debug = debug;
    }

    @Override
    public ManifestAndDigest<ManifestTemplate> manifest(String qualifier) throws IOException, RegistryException {
      byte[] bytes = connection.retrying("pull manifest " + qualifier,
          () -> connection.pullManifestBytes(qualifier));
      String digest = Digests.of(bytes);
      cache.put(digest, out -> out.write(bytes));
      return new ManifestAndDigest<>(ManifestChoice.parseManifest(bytes), ManifestChoice.digest(digest));
    }

    @Override
    public Path blob(DescriptorDigest digest) throws IOException, RegistryException {
      String value = digest.toString();
      Optional<Path> cached = cache.get(value);
      if (cached.isPresent()) {
        debug.accept("Blob " + value + " is cached.");
        return cached.get();
      }
      // put runs the download only when no other build (thread or JVM) has stored the blob meanwhile; a try cut
      // off mid-body leaves nothing behind, and the next starts again from the first byte
      Path stored = connection.retrying("pull blob " + value, () -> cache.put(value,
          out -> connection.client.pullBlob(digest, size -> {}, written -> {}).writeTo(out)));
      if (cache.repaired(value)) {
        info.accept("Repaired cached blob " + value + " (" + stored + "): its content did not match its digest; "
            + "fetched it again from " + description + ".");
      }
      return stored;
    }

    @Override
    public String describe() {
      return description;
    }
  }

  /** The cache alone; whatever is missing ends the attempt with {@link PullSource.NotCached}. */
  final class Cache implements PullSource {
    private final BlobCache cache;

    Cache(BlobCache cache) {
      this.cache = cache;
    }

    @Override
    public ManifestAndDigest<ManifestTemplate> manifest(String qualifier) throws IOException {
      if (!Digests.isSha256(qualifier)) {
        throw new NotCached("tag " + qualifier);
      }
      return new ManifestAndDigest<>(ManifestChoice.parseManifest(Files.readAllBytes(cached(qualifier, "manifest"))),
          ManifestChoice.digest(qualifier));
    }

    @Override
    public Path blob(DescriptorDigest digest) throws IOException {
      return cached(digest.toString(), "blob");
    }

    private Path cached(String digest, String what) throws IOException {
      Optional<Path> cached = cache.get(digest);
      if (cached.isEmpty()) {
        throw cache.wasRemovedAsCorrupt(digest) ? NotCached.corrupt(what + " " + digest, cache.pathOf(digest))
            : new NotCached(what + " " + digest);
      }
      return cached.get();
    }

    @Override
    public String describe() {
      return "the local cache";
    }
  }

  /** What the cache lacks; {@link #corrupt} when it had the entry, damaged, and removed it. */
  final class NotCached extends IOException {
    final boolean corrupt;

    NotCached(String what) {
      this(what + " is not in the cache", false);
    }

    private NotCached(String message, boolean corrupt) {
      super(message);
      this.corrupt = corrupt;
    }

    static NotCached corrupt(String what, Path file) {
      return new NotCached("the cached " + what + " was corrupt (its content did not match its digest) and has "
          + "been removed (" + file + ")", true);
    }
  }
}
