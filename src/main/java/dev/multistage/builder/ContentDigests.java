package dev.multistage.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Files' SHA-256 content digests, remembered by the file's path, size, modification time and inode: a rebuild that
 * finds a hundred unchanged dependency jars reads a hundred tiny records, not their megabytes.
 */
final class ContentDigests {
  private final Path directory;

  /** @param directory where the records go, one small file each */
  ContentDigests(Path directory) {
    this.directory = directory;
  }

  /** The hex SHA-256 of {@code file}'s bytes. */
  String of(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Path record = directory.resolve(CacheKey.of(file.toAbsolutePath() + "\n" + a.size() + "\n"
        + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\n" + a.fileKey()));
    try {
      String known = Files.readString(record, StandardCharsets.US_ASCII);
      if (known.length() == 64) {
        return known;
      }
    } catch (NoSuchFileException e) {
      // not seen in this state before
    }
    MessageDigest sha = CacheKey.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    String hex = HexFormat.of().formatHex(sha.digest());
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, "digest-", ".tmp");
    try {
      Files.writeString(temp, hex, StandardCharsets.US_ASCII);
      Files.move(temp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return hex;
  }
}
