package dev.multistage.check;

import dev.multistage.layer.BaseFilesystem.Entry;
import dev.multistage.layer.BaseFilesystem.Type;
import dev.multistage.layer.ImagePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What belongs in a builder stage, not in the runtime: compilers, JDK tools, build tools and their caches. */
final class BuildTools implements Inspection {
  private static final Set<String> JAVA_TOOLS = Set.of("javac", "jar", "jlink", "jmod", "jdeps", "jshell",
      "jpackage", "mvn", "gradle");
  /** {@code gcc}, {@code cc}, {@code clang++}, also as Debian names them ({@code x86_64-linux-gnu-gcc-12}). */
  private static final Pattern COMPILER = Pattern.compile("(?:[\\w.-]+-)?(?:gcc|g\\+\\+|cc|c\\+\\+|clang|clang\\+\\+|"
      + "tcc)(?:-[\\d.]+)?|g?make");
  private static final Set<String> WRAPPERS = Set.of("mvnw", "gradlew");
  private static final List<String> CACHES = List.of("/var/cache/apt", "/var/lib/apt/lists", "/var/cache/apk",
      "/var/cache/yum", "/var/cache/dnf", "/var/cache/zypp", "/root/.m2", "/root/.gradle", "/root/.npm",
      "/root/.cache/pip");
  private static final Pattern HOME_CACHE = Pattern.compile("(/home/[^/]+/\\.(?:m2|gradle|npm))/.*");

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.BUILD_TOOLS, Rule.PACKAGE_CACHE);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) {
    Map<String, List<String>> toolsByDirectory = new TreeMap<>();
    Map<String, Integer> jmods = new TreeMap<>();
    Map<String, Integer> caches = new TreeMap<>();
    for (Entry e : facts.files().entries()) {
      String dir = ImagePath.parent(e.path());
      String name = e.path().substring(e.path().lastIndexOf('/') + 1);
      if (e.type() == Type.DIRECTORY) {
        continue;
      }
      if (tool(dir, name)) {
        toolsByDirectory.computeIfAbsent(dir, d -> new ArrayList<>()).add(name);
      }
      if (name.endsWith(".jmod") && dir.endsWith("/jmods")) {
        jmods.merge(dir, 1, Integer::sum);
      }
      if (e.type() == Type.FILE && !name.equals("lock") && !e.path().contains("/partial/")) {
        cacheOf(e.path()).ifPresent(c -> caches.merge(c, 1, Integer::sum));
      }
    }
    List<Finding> found = new ArrayList<>();
    toolsByDirectory.forEach((dir, tools) -> found.add(new Finding(Rule.BUILD_TOOLS, String.join(", ", tools)
        + " in " + dir + ": build tools have no place in the runtime image.", dir)));
    jmods.forEach((dir, count) -> found.add(new Finding(Rule.BUILD_TOOLS, dir + " holds " + count
        + " .jmod files: the JDK's link-time modules, which only jlink needs.", dir)));
    caches.forEach((dir, count) -> found.add(new Finding(Rule.PACKAGE_CACHE, dir + " holds " + count
        + " cached file" + (count == 1 ? "" : "s") + " that the application never reads.", dir)));
    return found;
  }

  private static boolean tool(String dir, String name) {
    if (WRAPPERS.contains(name)) {
      return true;
    }
    boolean inBin = dir.endsWith("/bin") || dir.endsWith("/sbin");
    return inBin && (JAVA_TOOLS.contains(name) || COMPILER.matcher(name).matches());
  }

  private static Optional<String> cacheOf(String path) {
    for (String cache : CACHES) {
      if (path.startsWith(cache + "/")) {
        return Optional.of(cache);
      }
    }
    Matcher home = HOME_CACHE.matcher(path);
    return home.matches() ? Optional.of(home.group(1)) : Optional.empty();
  }
}
