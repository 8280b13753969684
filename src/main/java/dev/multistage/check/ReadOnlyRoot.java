package dev.multistage.check;

import dev.multistage.image.ImageConfig;
import dev.multistage.layer.ImagePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the image itself tells the app to write at run time — the JVM's temp directory, heap dumps, error file, GC
 * log, CDS archive, Spring Boot's log file — must stay writable under a read-only root filesystem: under /tmp
 * (mounted as a tmpfs) or a declared volume. What the app decides in its own code cannot be seen from the image.
 */
final class ReadOnlyRoot implements Inspection {
  /** Options whose value is a directory the JVM or the app writes into. */
  private static final List<String> DIRECTORY_OPTIONS = List.of("-Djava.io.tmpdir=", "-Dlogging.file.path=");
  /** Options whose value is a file the JVM or the app writes. */
  private static final List<String> FILE_OPTIONS = List.of("-XX:ErrorFile=", "-Xloggc:", "-XX:ArchiveClassesAtExit=",
      "-Dlogging.file.name=");
  private static final Map<String, Boolean> VARIABLES = Map.of("LOGGING_FILE_NAME", false, "LOGGING_FILE_PATH", true,
      "LOG_PATH", true);
  private static final Pattern XLOG_FILE = Pattern.compile("-Xlog:[^:]*:file=\"?([^:\"]+)");
  private static final List<String> SCRATCH = List.of("/tmp", "/dev/shm");

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.READ_ONLY_ROOT_WRITE);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) {
    ImageConfig config = facts.image().config();
    String workdir = config.workingDir().filter(w -> w.startsWith("/")).orElse("/");
    JavaCommand command = JavaCommand.of(config);
    List<Write> writes = new ArrayList<>();
    DIRECTORY_OPTIONS.forEach(o -> command.value(o).ifPresent(v -> writes.add(new Write(o + v, v, true))));
    FILE_OPTIONS.forEach(o -> command.value(o).ifPresent(v -> writes.add(new Write(o + v, v, false))));
    for (String xlog : command.startingWith("-Xlog:")) {
      Matcher file = XLOG_FILE.matcher(xlog);
      if (file.find()) {
        writes.add(new Write(xlog, file.group(1), false));
      }
    }
    Optional<String> dumps = command.value("-XX:HeapDumpPath=");
    if (dumps.isPresent()) {
      writes.add(new Write("-XX:HeapDumpPath=" + dumps.get(), dumps.get(), !dumps.get().endsWith(".hprof")));
    } else if (command.has("-XX:+HeapDumpOnOutOfMemoryError")) {
      writes.add(new Write("-XX:+HeapDumpOnOutOfMemoryError without -XX:HeapDumpPath", workdir, true));
    }
    VARIABLES.forEach((name, directory) -> Optional.ofNullable(config.env().get(name)).filter(v -> !v.isBlank())
        .ifPresent(v -> writes.add(new Write("Env " + name + "=" + v, v, directory))));
    List<Finding> found = new ArrayList<>();
    for (Write w : writes) {
      String path = ImagePath.absolute(w.path().startsWith("/") ? w.path() : workdir + "/" + w.path());
      String directory = w.directory() ? path : ImagePath.parent(path);
      if (!writable(directory, config.volumes())) {
        found.add(new Finding(Rule.READ_ONLY_ROOT_WRITE, w.setting() + ": the app writes into " + directory
            + " at run time, which is neither under /tmp nor a volume, so the write fails under a read-only root "
            + "filesystem.", directory));
      }
    }
    return found;
  }

  /** Something that makes the app write: the setting as the image has it, and where it writes. */
  private record Write(String setting, String path, boolean directory) {}

  private static boolean writable(String directory, List<String> volumes) {
    return SCRATCH.stream().anyMatch(s -> under(directory, s))
        || volumes.stream().map(ImagePath::absolute).anyMatch(v -> under(directory, v));
  }

  private static boolean under(String path, String directory) {
    return path.equals(directory) || path.startsWith(directory.equals("/") ? "/" : directory + "/");
  }
}
