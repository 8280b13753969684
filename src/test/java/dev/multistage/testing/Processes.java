package dev.multistage.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command to completion and captures what it printed. */
public final class Processes {
  private Processes() {}

  /** What a finished command printed; {@code stdout} and {@code stderr} are kept apart. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** The last non-blank line of stdout, or "" when there is none. */
    public String lastLine() {
      List<String> lines = stdout.strip().lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    /** Everything the command printed, for an assertion message. */
    public String describe() {
      return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout ---\n" + stdout
          + "--- stderr ---\n" + stderr;
    }
  }

  public static Result run(Duration timeout, String... command) {
    return run(timeout, List.of(command));
  }

  /**
   * Runs {@code command} with stdin closed; kills it and its children and throws if it outlives
   * {@code timeout}. Output goes through files so a chatty command never blocks on a full pipe.
   */
  public static Result run(Duration timeout, List<String> command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("process-", ".out");
      err = Files.createTempFile("process-", ".err");
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command)
            + "\n--- stdout ---\n" + Files.readString(out, StandardCharsets.UTF_8)
            + "--- stderr ---\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(List.copyOf(command), process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + String.join(" ", command), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** Like {@link #run(Duration, List)} but a non-zero exit fails with everything the command printed. */
  public static Result check(Duration timeout, List<String> command) {
    Result result = run(timeout, command);
    if (!result.succeeded()) {
      throw new AssertionError("command failed: " + result.describe());
    }
    return result;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is not worth failing a test over
      }
    }
  }
}
