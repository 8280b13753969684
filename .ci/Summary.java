import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI summary: every test case Surefire reported and every invoker IT, as passed, failed or skipped, each skip
 * and failure on its own line with its reason, then "N skipped", and last "N passed, N failed". Counts {@code <testcase>}
 * elements, not the suites' {@code tests} attribute, which is 0 for a class whose tests live in {@code @Nested}
 * classes; a case reported twice (same class and name) counts once. An IT whose verify script skipped a check
 * (it writes {@code skipped-checks.txt} beside its build.log) counts as skipped with that reason.
 *
 * <p>Usage: {@code java .ci/Summary.java <surefire-reports dir> <invoker-reports dir> [<more JUnit-report dirs>...]}
 * — the further directories hold TEST-*.xml as Surefire writes them (bench/jib-benchmark.sh --smoke writes one).
 */
public class Summary {
  enum Outcome { PASSED, FAILED, SKIPPED }

  record Result(String name, Outcome outcome, String reason) {}

  public static void main(String[] args) throws Exception {
    Map<String, Result> cases = tests(Path.of(args[0]));
    for (int i = 2; i < args.length; i++) {
      cases.putAll(tests(Path.of(args[i])));
    }
    List<Result> results = new ArrayList<>(cases.values());
    results.addAll(its(Path.of(args[1])));
    long[] counts = new long[Outcome.values().length];
    for (Result r : results) {
      counts[r.outcome().ordinal()]++;
      if (r.outcome() != Outcome.PASSED) {
        System.out.println(r.outcome().name().toLowerCase() + ": " + r.name() + " — " + r.reason());
      }
    }
    System.out.println(counts[2] + " skipped (listed above with their reasons)");
    // CI reads the last line: exactly "N passed, N failed"
    System.out.println(counts[0] + " passed, " + counts[1] + " failed");
  }

  /** Every {@code <testcase>} of every TEST-*.xml, keyed by class and name so a case reported twice counts once. */
  static Map<String, Result> tests(Path reports) throws Exception {
    Map<String, Result> results = new LinkedHashMap<>();
    for (Path report : files(reports, "TEST-", ".xml")) {
      NodeList cases = parse(report).getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        String name = c.getAttribute("classname") + "." + c.getAttribute("name");
        results.put(name, test(name, c));
      }
    }
    return results;
  }

  private static Result test(String name, Element testcase) {
    for (String tag : List.of("failure", "error")) {
      Element e = child(testcase, tag);
      if (e != null) {
        return new Result(name, Outcome.FAILED, firstLine(e.hasAttribute("message") ? e.getAttribute("message")
            : e.getTextContent()));
      }
    }
    Element skipped = child(testcase, "skipped");
    if (skipped != null) {
      // an aborted test (assumption) has its reason only in the stack trace's first line
      String reason = skipped.hasAttribute("message") ? skipped.getAttribute("message")
          : firstLine(skipped.getTextContent()).replaceFirst("^[\\w.$]+(Exception|Error): ", "");
      return new Result(name, Outcome.SKIPPED, reason.isBlank() ? "(no reason given)" : firstLine(reason));
    }
    return new Result(name, Outcome.PASSED, "");
  }

  /** Every BUILD-*.xml the invoker wrote: success (unless a check was skipped), skipped, or anything else: failed. */
  static List<Result> its(Path reports) throws Exception {
    List<Result> results = new ArrayList<>();
    for (Path report : files(reports, "BUILD-", ".xml")) {
      Element job = parse(report).getDocumentElement();
      String project = job.getAttribute("project");
      String name = "IT " + project.replaceFirst("/pom\\.xml$", "");
      String result = job.getAttribute("result");
      // beside build.log, in the IT's clone under target/it (a selector-skipped job has no build.log)
      Path clone = job.getAttribute("buildlog").isEmpty()
          ? reports.resolveSibling("it").resolve(project).getParent()
          : Path.of(job.getAttribute("buildlog")).getParent();
      Path skips = clone.resolve("skipped-checks.txt");
      String skipped = Files.isRegularFile(skips) ? String.join("; ", Files.readAllLines(skips)) : "";
      if (result.equals("success")) {
        results.add(skipped.isEmpty() ? new Result(name, Outcome.PASSED, "")
            : new Result(name, Outcome.SKIPPED, skipped));
      } else if (result.equals("skipped")) {
        results.add(new Result(name, Outcome.SKIPPED, skipped.isEmpty()
            ? "not run by the invoker (a selector did not match)" : skipped));
      } else {
        String reason = job.getAttribute("failureMessage");
        results.add(new Result(name, Outcome.FAILED, result + (reason.isBlank() ? "" : ": " + firstLine(reason))));
      }
    }
    return results;
  }

  private static List<Path> files(Path dir, String prefix, String suffix) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix)
          && f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static org.w3c.dom.Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new File(file.toString()));
  }

  private static Element child(Element parent, String tag) {
    NodeList children = parent.getElementsByTagName(tag);
    return children.getLength() == 0 ? null : (Element) children.item(0);
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int end = trimmed.indexOf('\n');
    return end < 0 ? trimmed : trimmed.substring(0, end).strip();
  }
}
