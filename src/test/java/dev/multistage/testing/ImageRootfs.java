package dev.multistage.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An image.tar unpacked to an OCI runtime bundle (skopeo + umoci), in which one command at a time runs under runc
 * with a read-only root, as the image's user. Needs root and runc.
 */
public final class ImageRootfs {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path bundle;

  private ImageRootfs(Path bundle) {
    this.bundle = bundle;
  }

  /** Unpacks a docker-archive {@code imageTar} under {@code work}. */
  public static ImageRootfs unpack(Path imageTar, Path work) {
    Requirements.assumeRootAndRunc();
    Requirements.assumeTools("skopeo", "umoci");
    Path oci = work.resolve("oci");
    Path bundle = work.resolve("bundle");
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Processes.check(TIMEOUT, List.of("skopeo", "copy", "--quiet", "docker-archive:" + imageTar, "oci:" + oci + ":img"));
    Processes.check(TIMEOUT, List.of("umoci", "unpack", "--image", oci + ":img", bundle.toString()));
    return new ImageRootfs(bundle);
  }

  public Path path() {
    return bundle.resolve("rootfs");
  }

  /** Runs {@code command} in a container of the image (its user, read-only root); fails on a non-zero exit. */
  public Processes.Result run(String... command) {
    try {
      Path configFile = bundle.resolve("config.json");
      ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
      ObjectNode process = (ObjectNode) config.get("process");
      process.put("terminal", false);
      ArrayNode args = process.putArray("args");
      for (String c : command) {
        args.add(c);
      }
      ((ObjectNode) config.get("root")).put("readonly", true);
      JSON.writeValue(configFile.toFile(), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = "imagerootfs-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    return Processes.check(TIMEOUT, List.of("runc", "run", "--bundle", bundle.toString(), id));
  }
}
