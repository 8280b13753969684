package dev.multistage.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * An application layer to make: its name in the report and the files it copies into the image.
 *
 * @param name {@code dependencies}, {@code snapshot-dependencies}, {@code modules}, {@code resources}, {@code classes}
 * @param files what to copy, each a regular file on disk and its absolute path in the image
 */
public record LayerPlan(String name, List<AppFile> files) {

  public LayerPlan {
    files = List.copyOf(files);
  }

  /** A regular file and where it goes in the image. */
  public record AppFile(Path source, String target) {}

  public boolean isEmpty() {
    return files.isEmpty();
  }
}
