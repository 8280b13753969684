package dev.multistage.builder;

import dev.multistage.builder.ModuleAnalysis.Findings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A jar's analysis, kept in {@code cacheDirectory/analysis/} under a key of the jar's content digest, the target
 * Java version and the linking JDK's package map: the same bytes analysed for the same JDK need not be read again.
 */
final class FindingsCache {
  /** Bump when what a cached result holds changes. */
  private static final String FORMAT = "3";

  private final Path directory;
  private final int feature;
  private final JdkPackages jdk;
  private final ContentDigests digests;

  FindingsCache(Path cacheDirectory, int feature, JdkPackages jdk) {
    this.directory = cacheDirectory.resolve("analysis");
    this.digests = new ContentDigests(directory.resolve("digests"));
    this.feature = feature;
    this.jdk = jdk;
  }

  /** Where the analysis of {@code jar} is kept: named by the digest of its content and what the analysis used. */
  Path entry(Path jar) throws IOException {
    return directory.resolve(key(jar));
  }

  Optional<Findings> read(Path file) throws IOException {
    return Files.isRegularFile(file) ? Optional.of(parse(Files.readAllLines(file, StandardCharsets.UTF_8)))
        : Optional.empty();
  }

  void write(Path file, Findings findings) throws IOException {
    StringBuilder text = new StringBuilder("unreadable\t" + findings.unreadableClasses() + "\n");
    findings.locales().forEach(l -> text.append("locale\t").append(l).append('\n'));
    findings.modules().forEach((m, how) -> text.append(m).append('\t').append(how).append('\n'));
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private String key(Path jar) throws IOException {
    return CacheKey.of(digests.of(jar) + "\n" + feature + "\n" + jdk.digest() + "\n"
        + FORMAT);
  }

  private static Findings parse(List<String> lines) {
    Map<String, String> modules = new TreeMap<>();
    Set<String> locales = new TreeSet<>();
    int unreadable = 0;
    for (String line : lines) {
      String[] kv = line.split("\t", 2);
      if (kv.length == 2 && kv[0].equals("unreadable")) {
        unreadable = Integer.parseInt(kv[1]);
      } else if (kv.length == 2 && kv[0].equals("locale")) {
        locales.add(kv[1]);
      } else if (kv.length == 2) {
        modules.put(kv[0], kv[1]);
      }
    }
    return new Findings(modules, unreadable, locales);
  }
}
