package dev.multistage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an image the plugin built under runc via {@code src/test/sh/run-image.sh}: the app must answer
 * HTTP on the host network, run as the expected uid on a read-only root and pass its HEALTHCHECK.
 */
public final class RuncRun {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final int NOT_ROOT = 77;

  private RuncRun() {}

  /** Returns the script's output; fails the test with all of it when any check fails. */
  public static String run(Path imageTar, int port, String path, int expectUid) {
    return run(imageTar, port, path, List.of("--expect-uid", Integer.toString(expectUid)));
  }

  /** As {@link #run(Path, int, String, int)} without checking the uid. */
  public static String run(Path imageTar, int port, String path) {
    return run(imageTar, port, path, List.of());
  }

  /** A port free on the loopback interface right now, for an app in a container on the host network. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(Path imageTar, int port, String path, List<String> extra) {
    Requirements.assumeRootAndRunc();
    Requirements.assumeTools("skopeo", "umoci", "jq", "curl", "tar");
    Path script = StandInBases.projectDir().resolve("src/test/sh/run-image.sh");
    List<String> command = new ArrayList<>(List.of("bash", script.toString(),
        imageTar.toAbsolutePath().toString(), "--port", Integer.toString(port), "--path", path));
    command.addAll(extra);
    Processes.Result result = Processes.run(TIMEOUT, command);
    if (result.exitCode() == NOT_ROOT) {
      Requirements.assumeRootAndRunc(); // reports the reason the same way as any other missing tool
    }
    if (!result.succeeded()) {
      throw new AssertionError("image did not run as expected under runc:\n" + result.describe());
    }
    return result.stdout();
  }
}
