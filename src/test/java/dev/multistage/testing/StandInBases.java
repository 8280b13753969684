package dev.multistage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-in base images made from this host's glibc, busybox and JDK 17 by
 * {@code src/test/stand-in/make-base.sh}, so tests need no network and no Docker. Kinds:
 * {@code jre-distroless}, {@code jre-busybox}, {@code busybox} and {@code jdk}.
 */
public final class StandInBases {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration COPY_TIMEOUT = Duration.ofMinutes(5);
  private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

  private StandInBases() {}

  /** The project root: {@code MULTISTAGE_PROJECT_DIR} (set by Surefire), else the working directory. */
  public static Path projectDir() {
    String dir = System.getenv("MULTISTAGE_PROJECT_DIR");
    return (dir == null || dir.isBlank() ? Path.of("") : Path.of(dir)).toAbsolutePath();
  }

  /**
   * The OCI image layout of {@code kind} under {@code target/stand-in/<kind>}, built at most once per
   * JVM; a file lock keeps parallel JVMs from building the same kind at the same time.
   */
  public static Path ociLayout(String kind) {
    return BUILT.computeIfAbsent(kind, StandInBases::buildShared);
  }

  /** Builds {@code kind} into {@code outDir} and returns its manifest digest. */
  public static String build(String kind, Path outDir) {
    Requirements.assumeTools("bash", "jq", "tar", "gzip", "ldd", "sha256sum");
    Path script = projectDir().resolve("src/test/stand-in/make-base.sh");
    Processes.Result result =
        Processes.check(BUILD_TIMEOUT, List.of("bash", script.toString(), kind, outDir.toString()));
    String digest = result.lastLine();
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new AssertionError("make-base.sh printed no digest: " + result.describe());
    }
    return digest;
  }

  /**
   * Copies {@code kind} into a plain-HTTP registry as {@code repositoryAndTag} (e.g.
   * {@code "base/jre:17"}) and returns the pushed manifest digest.
   */
  public static String pushTo(String kind, String registryHostPort, String repositoryAndTag) {
    Requirements.assumeTools("skopeo");
    Path layout = ociLayout(kind);
    try {
      Path digestFile = Files.createTempFile("stand-in-", ".digest");
      try {
        Processes.check(COPY_TIMEOUT, List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
            "--digestfile", digestFile.toString(), "oci:" + layout + ":latest",
            "docker://" + registryHostPort + "/" + repositoryAndTag));
        return Files.readString(digestFile).strip();
      } finally {
        Files.deleteIfExists(digestFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code kind} as a docker-archive tar to {@code file} (replacing it) and returns the file. */
  public static Path dockerArchive(String kind, Path file) {
    Requirements.assumeTools("skopeo");
    Path layout = ociLayout(kind);
    try {
      Files.deleteIfExists(file);
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Processes.check(COPY_TIMEOUT, List.of("skopeo", "copy", "--quiet", "oci:" + layout + ":latest",
        "docker-archive:" + file + ":stand-in/" + kind + ":latest"));
    return file;
  }

  private static Path buildShared(String kind) {
    Path root = projectDir().resolve("target/stand-in");
    Path layout = root.resolve(kind);
    try {
      Files.createDirectories(root);
      try (FileChannel channel = FileChannel.open(root.resolve(kind + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        build(kind, layout); // the script itself skips the work when its inputs are unchanged
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + root.resolve(kind + ".lock"), e);
    }
    return layout;
  }
}
