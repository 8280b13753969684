package dev.multistage.registry;

import java.util.List;

/**
 * What a push did.
 *
 * @param reference {@code registry/repository}
 * @param digest the manifest digest the registry now serves
 * @param tags the tags that point to it
 * @param uploaded blobs sent to the registry
 * @param skipped blobs the registry already had
 * @param mounted blobs mounted from another repository of the same registry instead of uploaded
 */
public record PushResult(String reference, String digest, List<String> tags, int uploaded, int skipped, int mounted) {

  public PushResult {
    tags = List.copyOf(tags);
  }

  /** {@code registry/repository@digest}. */
  public String pinnedReference() {
    return reference + "@" + digest;
  }
}
