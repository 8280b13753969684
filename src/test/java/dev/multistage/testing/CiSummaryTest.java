package dev.multistage.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/Summary.java}, the last lines of {@code .ci/run}, on Surefire reports with {@code @Nested} classes
 * (suite {@code tests="0"}, one nested class also in a file of its own) and on invoker reports.
 */
class CiSummaryTest {
  private static final String NO_ITS = "no-its";

  @TempDir Path target;
  private Path invokerReports;

  @org.junit.jupiter.api.BeforeEach
  void reportsDirectory() throws Exception {
    invokerReports = Files.createDirectories(target.resolve("invoker-reports"));
  }

  @Test
  void countsEveryTestcaseOfNestedClassesOnceDespiteTheSuitesTestsZeroAndADuplicateReport() throws Exception {
    List<String> lines = summary(invokerReports.resolve(NO_ITS));

    assertEquals(List.of("2 skipped (listed above with their reasons)", "4 passed, 2 failed"), lines.subList(lines.size() - 2, lines.size()), String.join("\n", lines));
  }

  @Test
  void printsEachSkippedTestWithItsReasonAndEachFailureWithItsMessage() throws Exception {
    List<String> lines = summary(invokerReports.resolve(NO_ITS));

    assertTrue(lines.contains("skipped: dev.example.ShopTest$Registry.pushes — docker-registry is not installed "
        + "(apt-get install docker-registry); registry tests need it."), String.join("\n", lines));
    assertTrue(lines.contains("skipped: dev.example.PlainTest.renders — needs chromium on PATH"),
        String.join("\n", lines));
    assertTrue(lines.contains("failed: dev.example.ShopTest$Open.refunds — expected: <10> but was: <9>"),
        String.join("\n", lines));
    assertTrue(lines.contains("failed: dev.example.ShopTest$Registry.crashes — Connection refused"),
        String.join("\n", lines));
  }

  @Test
  void addsEveryItAndCountsOneWithASkippedCheckAsSkippedWithTheReason() throws Exception {
    Path itDir = Files.createDirectories(invokerReports.resolve("it/web-app"));
    Files.writeString(itDir.resolve("skipped-checks.txt"), "run check: running images needs root and runc\n");
    build("ok", "success", invokerReports.resolve("it/ok/build.log"));
    build("web-app", "success", itDir.resolve("build.log"));
    build("broken", "failure", invokerReports.resolve("it/broken/build.log"));
    Path pushDir = Files.createDirectories(invokerReports.resolveSibling("it/registry-push"));
    Files.writeString(pushDir.resolve("skipped-checks.txt"), "IT: needs docker-registry on PATH\n");
    build("registry-push", "skipped", null);

    List<String> lines = summary(invokerReports);

    assertEquals(List.of("4 skipped (listed above with their reasons)", "5 passed, 3 failed"), lines.subList(lines.size() - 2, lines.size()), String.join("\n", lines));
    assertTrue(lines.contains("skipped: IT registry-push — IT: needs docker-registry on PATH"),
        String.join("\n", lines));
    assertTrue(lines.contains("skipped: IT web-app — run check: running images needs root and runc"),
        String.join("\n", lines));
    assertTrue(lines.contains("failed: IT broken — failure: The build exited with code 1."),
        String.join("\n", lines));
  }

  private void build(String project, String result, Path buildLog) throws Exception {
    Files.writeString(invokerReports.resolve("BUILD-" + project + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<build-job project=\"" + project + "/pom.xml\" name=\"\" description=\"\" result=\"" + result + "\""
        + (result.equals("failure") ? " failureMessage=\"The build exited with code 1.\"" : "")
        + " time=\"1.0\" executionCount=\"1\"" + (buildLog == null ? "" : " buildlog=\"" + buildLog + "\"")
        + " />\n");
  }

  private static List<String> summary(Path invoker) throws URISyntaxException {
    Path surefire = Path.of(CiSummaryTest.class.getResource("surefire-nested").toURI());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Processes.Result result = Processes.run(Duration.ofMinutes(1), java.toString(),
        StandInBases.projectDir().resolve(".ci/Summary.java").toString(), surefire.toString(), invoker.toString());
    assertTrue(result.succeeded(), result::describe);
    return result.stdout().lines().toList();
  }
}
