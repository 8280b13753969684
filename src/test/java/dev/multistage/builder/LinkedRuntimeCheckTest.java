package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.builder.LinkedRuntimeCheck.MissingModule;
import dev.multistage.builder.LinkedRuntimeCheck.Result;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs small compiled apps on a real java.base-only runtime linked by the host JDK's jlink. */
class LinkedRuntimeCheckTest {
  private static final Duration ENOUGH = Duration.ofSeconds(30);

  /** The full JDK's package → module map, as the analysis provides it. */
  private static final Map<String, String> JDK_PACKAGES = ModuleFinder.ofSystem().findAll().stream()
      .map(ModuleReference::descriptor)
      .flatMap(d -> d.packages().stream().map(p -> Map.entry(p, d.name())))
      .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
  static final Function<String, Optional<String>> MODULE_OF =
      p -> Optional.ofNullable(JDK_PACKAGES.get(p));

  @TempDir static Path dir;
  static Path runtime;
  static Path classes;

  @BeforeAll
  static void linkRuntimeAndCompileApps() throws Exception {
    runtime = dir.resolve("runtime");
    Path jdk = Path.of(System.getProperty("java.home"));
    Process jlink = new ProcessBuilder(jdk.resolve("bin/jlink").toString(), "--add-modules", "java.base",
        "--output", runtime.toString()).inheritIO().start();
    assertEquals(0, jlink.waitFor());

    Path sources = Files.createDirectories(dir.resolve("src/com/example"));
    classes = dir.resolve("classes");
    app(sources, "ForName", "Class.forName(\"java.sql.Date\");");
    app(sources, "Direct", "System.out.println(new java.sql.Timestamp(0L));");
    app(sources, "Hello", "System.out.println(\"hello spring.context.exit=\" + System.getProperty("
        + "\"spring.context.exit\") + \" PORT=\" + System.getenv(\"PORT\"));");
    app(sources, "Server", "Process child = new ProcessBuilder(\"sleep\", \"600\").inheritIO().start();"
        + " System.out.println(\"child \" + child.pid());"
        + " try (java.net.ServerSocket s = new java.net.ServerSocket(0)) { while (true) { s.accept().close(); } }");
    app(sources, "NotJdk", "Class.forName(\"com.example.Missing\");");
    List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
    try (var files = Files.list(sources)) {
      files.map(Path::toString).forEach(args::add);
    }
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)));
  }

  private static void app(Path sources, String name, String body) throws IOException {
    Files.writeString(sources.resolve(name + ".java"), "package com.example;\npublic class " + name
        + " {\n  public static void main(String[] args) throws Exception {\n    " + body + "\n  }\n}\n");
  }

  private static Result run(String mainClass, Duration budget) {
    List<String> log = new ArrayList<>();
    Result result = new LinkedRuntimeCheck(MODULE_OF, budget, log::add)
        .run(runtime, List.of(classes), "com.example." + mainClass, List.of("-Xmx64m"));
    assertEquals(1, log.size(), log.toString());
    return result;
  }

  @Test
  void classForNameOfAJdkClassNamesItsModule() {
    Result result = run("ForName", ENOUGH);

    assertTrue(result.ran());
    assertEquals(List.of(new MissingModule("java.sql", "java.sql.Date")), result.missing(), result.outputTail()
        .toString());
    assertEquals("<addModules>: the app failed to load java.sql.Date at start-up: module java.sql is not in the"
        + " linked runtime. Fix: add <addModules>java.sql</addModules> (or set <runtimeCheck>false</runtimeCheck>"
        + " to skip this check).", result.message().orElseThrow());
    assertEquals("addModules", result.failure().orElseThrow().parameter());
  }

  @Test
  void directReferenceToAJdkClassNamesItsModule() {
    Result result = run("Direct", ENOUGH);

    assertEquals(Set.of("java.sql"), result.modules(), result.outputTail().toString());
    assertEquals("java.sql.Timestamp", result.missing().get(0).seen());
    assertEquals(1, result.exitCode());
  }

  @Test
  void appThatStartsAndExitsIsCleanAndGotTheStartUpHints() {
    Result result = run("Hello", ENOUGH);

    assertTrue(result.ran());
    assertTrue(result.clean(), result.outputTail().toString());
    assertFalse(result.killedAtDeadline());
    assertEquals(0, result.exitCode());
    assertEquals(List.of("hello spring.context.exit=onRefresh PORT=0"), result.outputTail());
    assertTrue(result.message().isEmpty());
  }

  @Test
  void serverStillRunningAtTheDeadlineIsStoppedWithItsChildrenAndIsClean() throws Exception {
    Result result = run("Server", Duration.ofSeconds(3));

    assertTrue(result.ran());
    assertTrue(result.clean(), result.outputTail().toString());
    assertTrue(result.killedAtDeadline());
    assertEquals(-1, result.exitCode());
    assertTrue(result.elapsed().compareTo(Duration.ofSeconds(3)) >= 0, result.elapsed().toString());
    long child = Long.parseLong(result.outputTail().get(0).substring("child ".length()));
    for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
      Thread.sleep(100);
    }
    assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "child " + child + " alive");
  }

  @Test
  void missingClassOutsideTheJdkIsNotReported() {
    Result result = run("NotJdk", ENOUGH);

    assertTrue(result.ran());
    assertTrue(result.clean());
    assertEquals(1, result.exitCode());
    assertTrue(result.outputTail().stream().anyMatch(l -> l.contains("ClassNotFoundException: com.example.Missing")),
        result.outputTail().toString());
  }

  @Test
  void thisMachineCanRunTheRuntimeItLinked() {
    assertEquals(Optional.empty(), LinkedRuntimeCheck.whyCannotRun(runtime));
    assertEquals(RuntimeTarget.host(), RuntimeTarget.of(runtime));
  }

  @Test
  void severalMissingModulesMakeOneMessage() {
    Result result = new Result(true, List.of(new MissingModule("java.sql", "java.sql.Date"),
        new MissingModule("java.sql", "java.sql.Timestamp"),
        new MissingModule("java.naming", "javax.naming.InitialContext")), List.of(), Duration.ofSeconds(1), false, 1);

    assertEquals("<addModules>: the app failed to load java.sql.Date, javax.naming.InitialContext at start-up:"
        + " modules java.sql, java.naming are not in the linked runtime. Fix: add"
        + " <addModules>java.sql,java.naming</addModules> (or set <runtimeCheck>false</runtimeCheck> to skip this"
        + " check).", result.message().orElseThrow());
  }

  @Test
  void linkedModulesComeFromTheReleaseFile() {
    assertEquals(Set.of("java.base"), LinkedRuntimeCheck.linkedModules(runtime));
  }
}
