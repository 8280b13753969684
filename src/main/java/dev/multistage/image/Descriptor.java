package dev.multistage.image;

/** A content descriptor: what a blob is, its {@code sha256:} digest and its size in bytes. */
public record Descriptor(String mediaType, String digest, long size) {

  /** The hex part of the digest, as used for blob file names. */
  public String hex() {
    return digest.substring(digest.indexOf(':') + 1);
  }
}
