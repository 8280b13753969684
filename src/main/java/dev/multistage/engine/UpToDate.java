package dev.multistage.engine;

import dev.multistage.image.Digests;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ExtraDirectory;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.LayerPlan;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Step: whether the last build's outputs still stand, so a rebuild with nothing changed does no image work at all.
 * They stand when every input is as it was — the plan (every parameter, every file the layers list), each file's
 * size, time and inode, the local bases and JDKs, the plugin itself — and every output is as that build left it.
 * A base given by tag alone can change without a local trace, so such a build always runs. The record is written
 * only after a whole build succeeded, and removed before a build starts.
 */
final class UpToDate {
  static final String RECORD = "up-to-date.properties";
  /** The inputs line by line beside the record, so a rebuild can say which one changed. */
  static final String INPUTS = "up-to-date.inputs";
  /** How a reason to rebuild starts when an earlier build was recorded. */
  static final String CHANGED = "changed since the last build: ";

  private final ImagePlan plan;
  private final Path record;

  UpToDate(ImagePlan plan) {
    this.plan = plan;
    this.record = plan.outputs().workDirectory().resolve(RECORD);
  }

  /** Every input, one per line, and their digest. */
  record Inputs(List<String> lines, String digest) {}

  /** The build's inputs, or empty when one cannot be known without the network, or a push is asked. */
  Optional<Inputs> inputs() throws IOException {
    if (plan.target().push()) {
      return Optional.empty(); // the registry is an output this record cannot see
    }
    List<String> lines = new ArrayList<>();
    // the plan by part, each file on its own line: a rebuild names what changed
    lines.add("settings target\t" + plan.target());
    lines.add("settings bases\t" + plan.bases());
    lines.add("settings runtime\t" + plan.runtime());
    lines.add("settings launch\t" + plan.launch());
    lines.add("settings service\t" + plan.service());
    lines.add("settings container\t" + plan.container());
    lines.add("settings labels\t" + plan.labels());
    lines.add("settings outputs\t" + plan.outputs());
    lines.add("settings report\t" + plan.report());
    lines.add("the plugin\t" + plugin());
    for (LayerPlan layer : plan.appLayers()) {
      for (LayerPlan.AppFile f : layer.files()) {
        lines.add(f.target() + " from " + stat(f.source()));
      }
    }
    for (ExtraDirectory extra : plan.container().extraDirectories()) {
      tree(lines, extra.from());
    }
    for (Path p : plan.runtime().analysisPaths()) {
      tree(lines, p);
    }
    for (Path jdk : plan.runtime().localJdks()) {
      lines.add(stat(jdk.resolve("release")));
    }
    List<BaseSource> bases = new ArrayList<>();
    bases.add(plan.bases().runtimeBase());
    plan.bases().builderBase().ifPresent(bases::add);
    plan.runtime().fallbackRuntimeBase().ifPresent(bases::add);
    plan.report().baselineImage().ifPresent(bases::add);
    for (BaseSource base : bases) {
      if (base instanceof BaseSource.Registry r && !r.pinned()) {
        return Optional.empty();
      } else if (base instanceof BaseSource.Tar t) {
        lines.add(stat(t.file()));
      } else if (base instanceof BaseSource.OciLayout o) {
        lines.add(stat(o.directory().resolve("index.json")));
      }
    }
    MessageDigest digest = Digests.sha256();
    lines.forEach(line -> update(digest, line));
    return Optional.of(new Inputs(List.copyOf(lines), HexFormat.of().formatHex(digest.digest())));
  }

  /**
   * Why the build must run: empty when {@code inputs} are those of the last successful build and its outputs are
   * untouched, else what differs (the first changed input or output).
   */
  Optional<String> reasonToBuild(Inputs inputs) throws IOException {
    Properties last = new Properties();
    try (Reader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
      last.load(in);
    } catch (NoSuchFileException e) {
      return Optional.of("no earlier build recorded");
    }
    if (!inputs.digest().equals(last.getProperty("inputs"))) {
      return Optional.of(CHANGED + firstChange(inputs.lines()));
    }
    TreeMap<String, String> now = outputs();
    TreeMap<String, String> then = outputsOf(last);
    if (now.equals(then)) {
      return Optional.empty();
    }
    return Optional.of(CHANGED + "output " + then.keySet().stream().filter(f -> !then.get(f).equals(now.get(f)))
        .findFirst().orElseGet(() -> now.keySet().stream().filter(f -> !then.containsKey(f)).findFirst().orElse("?")));
  }

  private String firstChange(List<String> lines) {
    List<String> before;
    try {
      before = Files.readAllLines(record.resolveSibling(INPUTS), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "an input";
    }
    for (int i = 0; i < lines.size(); i++) {
      if (i >= before.size() || !lines.get(i).equals(before.get(i))) {
        return lines.get(i).split("\t", 2)[0];
      }
    }
    return lines.size() < before.size() ? "an input was removed" : "an input";
  }

  /** Forgets the last build: its outputs are about to change. */
  void forget() throws IOException {
    Files.deleteIfExists(record);
    Files.deleteIfExists(record.resolveSibling(INPUTS));
  }

  /** Records a successful build's inputs and what its outputs are now. */
  void remember(Inputs inputs) throws IOException {
    Properties p = new Properties();
    p.setProperty("inputs", inputs.digest());
    outputs().forEach((file, stat) -> p.setProperty("output." + file, stat));
    Files.createDirectories(record.getParent());
    Files.write(record.resolveSibling(INPUTS), inputs.lines(), StandardCharsets.UTF_8);
    Path temp = Files.createTempFile(record.getParent(), RECORD, ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(out, "inputs of the last successful build of target/multistage; see docs/benchmarks.md");
      }
      Files.move(temp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private TreeMap<String, String> outputs() throws IOException {
    TreeMap<String, String> out = new TreeMap<>();
    Path dir = plan.outputs().outputDirectory();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.put(dir.relativize(f).toString().replace('\\', '/'), stat(f));
      }
    }
    return out;
  }

  private static TreeMap<String, String> outputsOf(Properties p) {
    TreeMap<String, String> out = new TreeMap<>();
    p.stringPropertyNames().stream().filter(k -> k.startsWith("output."))
        .forEach(k -> out.put(k.substring("output.".length()), p.getProperty(k)));
    return out;
  }

  /** Every file under {@code path} (or {@code path} itself), by name, size, time and inode. */
  private static void tree(List<String> lines, Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      lines.add(stat(path));
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        lines.add(stat(f));
      }
    }
  }

  private static String stat(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return file.toAbsolutePath() + "\t" + a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " "
          + a.fileKey();
    } catch (NoSuchFileException e) {
      return file.toAbsolutePath() + "\tmissing";
    }
  }

  /** The plugin's own jar (a new build of it is a new input), or its classes directory when run from one. */
  private static String plugin() throws IOException {
    try {
      return identity(Path.of(UpToDate.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return "unknown";
    }
  }

  /** A plugin jar by size, time and inode: a rebuilt SNAPSHOT is another plugin. */
  static String identity(Path code) throws IOException {
    return Files.isDirectory(code) ? code.toString() : stat(code);
  }

  private static void update(MessageDigest sha, String line) {
    sha.update(line.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
  }
}
