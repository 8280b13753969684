package dev.multistage.builder;

import dev.multistage.plan.InvalidParameterException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the app's main class briefly on its linked runtime, so a JDK module the analysis missed fails the build
 * instead of the container: the JVM reports it as a {@code NoClassDefFoundError} or {@code ClassNotFoundException}
 * for a class of a JDK package. An app still running at the deadline, or exiting for another reason (no database
 * here), passes.
 */
public final class LinkedRuntimeCheck {
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(15);
  // after the user's flags, so these win: Spring 6.1+ exits once refreshed, servers take a free port, C1 starts faster
  private static final List<String> START_UP_HINTS = List.of("-Dspring.context.exit=onRefresh", "-Dserver.port=0",
      "-Dquarkus.http.port=0", "-Dmicronaut.server.port=-1", "-XX:TieredStopAtLevel=1");

  private final Function<String, Optional<String>> moduleOfPackage;
  private final Duration budget;
  private final Consumer<String> log;

  /**
   * @param moduleOfPackage the full JDK's module of a package ({@code java.sql} → {@code java.sql}), empty for
   *     packages no JDK module holds
   * @param budget how long the app may run before it is stopped (and passes)
   */
  public LinkedRuntimeCheck(Function<String, Optional<String>> moduleOfPackage, Duration budget,
      Consumer<String> log) {
    this.moduleOfPackage = moduleOfPackage;
    this.budget = budget;
    this.log = log;
  }

  /** A JDK module absent from the runtime, and the class (or {@code module X}) the app's start-up asked for. */
  public record MissingModule(String module, String seen) {}

  /**
   * What one run showed.
   *
   * @param ran false when this machine cannot run the runtime or the JVM could not be started ({@code outputTail}
   *     says why)
   * @param exitCode the app's exit code, -1 when it was stopped at the deadline or did not run
   */
  public record Result(boolean ran, List<MissingModule> missing, List<String> outputTail, Duration elapsed,
      boolean killedAtDeadline, int exitCode) {

    public boolean clean() {
      return missing.isEmpty();
    }

    /** The modules to add, in the order the app asked for them. */
    public Set<String> modules() {
      return missing.stream().map(MissingModule::module).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The one-line problem and fix, for a failure or a warning; empty when clean. */
    public Optional<String> message() {
      return failure().map(RuntimeException::getMessage);
    }

    public Optional<InvalidParameterException> failure() {
      if (clean()) {
        return Optional.empty();
      }
      Map<String, String> firstSeen = new LinkedHashMap<>();
      missing.forEach(m -> firstSeen.putIfAbsent(m.module(), m.seen()));
      String modules = String.join(", ", firstSeen.keySet());
      return Optional.of(new InvalidParameterException("addModules", "the app failed to load "
          + String.join(", ", firstSeen.values()) + " at start-up: " + (firstSeen.size() == 1 ? "module " + modules
          + " is" : "modules " + modules + " are") + " not in the linked runtime.", "add <addModules>"
          + String.join(",", firstSeen.keySet()) + "</addModules> (or set <runtimeCheck>false</runtimeCheck> to skip"
          + " this check)."));
    }
  }

  /** Why this machine cannot run the runtime at {@code runtimeHome} (other OS, architecture or libc), or empty. */
  public static Optional<String> whyCannotRun(Path runtimeHome) {
    return RuntimeTarget.of(runtimeHome).whyNotRunnableOn(RuntimeTarget.host());
  }

  /** Runs {@code mainClass} on the runtime for at most the budget; skipped (ran=false) where it cannot run. */
  public Result run(Path runtimeHome, List<Path> classPath, String mainClass, List<String> jvmFlags) {
    Optional<String> cannot = whyCannotRun(runtimeHome);
    if (cannot.isPresent()) {
      log.accept("Runtime check skipped: " + cannot.get());
      return new Result(false, List.of(), List.of(cannot.get()), Duration.ZERO, false, -1);
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("multistage-runtime-check-");
      List<String> cmd = new ArrayList<>(List.of(runtimeHome.resolve("bin/java").toString(), "-cp",
          classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
      cmd.addAll(jvmFlags);
      cmd.addAll(START_UP_HINTS);
      cmd.add("-Djava.io.tmpdir=" + work); // so what the app writes goes with the work dir
      cmd.add(mainClass);
      ProcessBuilder builder = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
      // the container will not have this machine's JVM options (an agent would need java.instrument)
      builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
          "CLASSPATH"));
      builder.environment().put("PORT", "0");
      long start = System.nanoTime();
      Process process = builder.start();
      process.getOutputStream().close();
      StartUpOutput output = new StartUpOutput();
      Thread reader = new Thread(() -> output.read(process.getInputStream()), "runtime-check-output");
      reader.setDaemon(true);
      reader.start();
      boolean exited = process.waitFor(budget.toMillis(), TimeUnit.MILLISECONDS);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      if (!exited) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(2000); // a grandchild still holding the pipe must not keep us waiting
      Result result = new Result(true, output.missingModules(linkedModules(runtimeHome), moduleOfPackage),
          output.tail(), elapsed, !exited, exited ? process.exitValue() : -1);
      log.accept(String.format("Runtime check: %s ran %.1f s on the linked runtime (%s)%s", mainClass,
          elapsed.toMillis() / 1000.0, exited ? "exited " + result.exitCode() : "stopped at the time budget",
          result.clean() ? "" : ", missing " + String.join(", ", result.modules())));
      return result;
    } catch (IOException e) {
      return new Result(false, List.of(), List.of("could not start the linked runtime: " + e.getMessage()),
          Duration.ZERO, false, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the linked runtime", e);
    } finally {
      deleteTree(work);
    }
  }

  /** The modules in the runtime, from its {@code release} file (jlink writes MODULES there). */
  static Set<String> linkedModules(Path runtimeHome) {
    Path release = runtimeHome.resolve("release");
    Set<String> modules = new LinkedHashSet<>(Set.of("java.base"));
    if (Files.isRegularFile(release)) {
      modules.addAll(List.of(Jdk.release(release).getOrDefault("MODULES", "").split("\\s+")));
    }
    return modules;
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      CacheDirectories.deleteTree(dir);
    } catch (IOException e) {
      // best effort: a temp dir left behind is harmless
    }
  }
}
