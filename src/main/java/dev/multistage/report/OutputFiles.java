package dev.multistage.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Output files replaced whole: written to a temp file beside them and moved into place, so no reader sees half. */
public final class OutputFiles {
  private OutputFiles() {}

  public static void replace(Path file, byte[] content) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + "-", ".tmp");
    try {
      Files.write(temp, content);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
