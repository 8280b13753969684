package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.image.Descriptor;
import dev.multistage.image.Image;
import dev.multistage.image.ImageConfig;
import dev.multistage.image.ImageFormat;
import dev.multistage.image.Layer;
import dev.multistage.layer.LayerEntry;
import dev.multistage.layer.ReproducibleLayerWriter;
import dev.multistage.layer.WrittenLayer;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.Platform;
import dev.multistage.plan.RuntimePlan;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.archive.OciLayout;
import dev.multistage.builder.Jdk;
import dev.multistage.testing.ImageRootfs;
import dev.multistage.testing.LocalJdks;
import dev.multistage.testing.Requirements;
import dev.multistage.testing.RuncRun;
import dev.multistage.testing.StandInBases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder stage's jlink: where the modules come from, what goes in, what is reused, what is refused. */
class LinkedRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The JDK running the tests, which the glibc stand-in and the "jdk" builder stand-in are made from. */
  private static final int HOST_JDK = Runtime.version().feature();
  /** A feature version no JDK here has. */
  private static final int OTHER = HOST_JDK == 21 ? 25 : 21;

  @TempDir Path dir;

  private final List<String> infos = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  @Test
  void runtimeLinkedFromTheBuildJdkHoldsOnlyTheFoundModulesAndRuns() throws IOException {
    Requirements.assumeRootAndRunc();
    PlanDraft draft = draft(glibc(), runtime(RuntimePlan.Jlink.ON, HOST_JDK, List.of(), false));
    draft.port = RuncRun.freePort();
    Path tar = build(draft).outputDirectory().resolve("image.tar");

    assertTrue(infos.stream().anyMatch(l -> l.startsWith("Linked runtime ") && l.contains("JDK " + HOST_JDK)),
        infos::toString);
    assertEquals(List.of("base", "runtime", "user", "probe", "dependencies", "resources", "classes"), layerNames(draft));
    Set<String> files = runtimeLayerFiles(tar, draft);
    assertTrue(files.contains("opt/java/openjdk/bin/java"), "no java in the runtime layer");
    assertFalse(files.stream().anyMatch(f -> f.endsWith("/javac") || f.contains("/jmods/")),
        "javac or jmods in the runtime layer");

    ImageRootfs rootfs = ImageRootfs.unpack(tar, dir.resolve("unpacked"));
    String modules = rootfs.run("/opt/java/openjdk/bin/java", "--list-modules").stdout();
    assertEquals(Set.of("java.base", "jdk.crypto.ec", "jdk.httpserver"), moduleNames(modules));
    assertFalse(Files.exists(rootfs.path().resolve("opt/java/openjdk/bin/javac")));
    RuncRun.run(tar, draft.port, "/", 1001);
  }

  @Test
  void runtimeLinkedFromTheBuilderImagesJmodsRuns() throws IOException {
    Requirements.assumeRootAndRunc();
    PlanDraft draft = draft(glibc(), runtime(RuntimePlan.Jlink.ON, HOST_JDK, List.of("java.logging"), true));
    draft.builderBase = Optional.of(BaseSource.parse("oci:" + StandInBases.ociLayout("jdk"), "builderImage", dir));
    draft.port = RuncRun.freePort();
    Path tar = build(draft).outputDirectory().resolve("image.tar");

    assertTrue(infos.stream().anyMatch(l -> l.startsWith("Linked runtime ") && l.contains("jmods of oci:")),
        infos::toString);
    // the report says what really linked: the builder image's jmods
    com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(tar.resolveSibling("report.json").toFile());
    String builder = "oci:" + StandInBases.ociLayout("jdk");
    assertEquals(builder, report.path("bases").path("builder").asText());
    assertEquals(builder, report.path("runtime").path("builderImage").asText());
    assertTrue(report.path("runtime").path("linkedBy").asText().startsWith("jmods of " + builder + " with the jlink"),
        report.path("runtime")::toString);
    ImageRootfs rootfs = ImageRootfs.unpack(tar, dir.resolve("unpacked"));
    String modules = rootfs.run("/opt/java/openjdk/bin/java", "--list-modules").stdout();
    assertEquals(Set.of("java.base", "java.logging", "jdk.crypto.ec", "jdk.httpserver"), moduleNames(modules));
    RuncRun.run(tar, draft.port, "/", 1001);
  }

  @Test
  void java25FromAJdkWithoutJmodsLinksFromItsRunTimeImageHoldsOnlyTheFoundModulesAndRuns() throws IOException {
    Requirements.assumeRootAndRunc();
    Jdk jdk25 = LocalJdks.require(25, false);
    PlanDraft draft = draft(glibc(), new RuntimePlan(RuntimePlan.Jlink.ON, 25, List.of(), List.of(), List.of(),
        List.of(), Set.of(), List.of(jdk25.home()), Optional.empty(), false, false));
    draft.port = RuncRun.freePort();
    Path tar = build(draft).outputDirectory().resolve("image.tar");

    assertTrue(infos.stream().anyMatch(l -> l.startsWith("Linked runtime ") && l.contains("build JDK 25")),
        infos::toString);
    ImageRootfs rootfs = ImageRootfs.unpack(tar, dir.resolve("unpacked"));
    String modules = rootfs.run("/opt/java/openjdk/bin/java", "--list-modules").stdout();
    // what the app uses, TLS's jdk.crypto.ec, and never jdk.jlink (a runtime linked from a run-time image cannot hold it)
    assertEquals(Set.of("java.base", "jdk.crypto.ec", "jdk.httpserver"), moduleNames(modules));
    assertTrue(modules.contains("@25"), modules);
    assertFalse(Files.exists(rootfs.path().resolve("opt/java/openjdk/jmods")));
    RuncRun.run(tar, draft.port, "/", 1001);
  }

  @Test
  void java21PicksTheJdk21AmongTheLocalJdksAndLinksFromItsJmods() throws IOException {
    Requirements.assumeRootAndRunc();
    // a real JDK 21 when one is installed; else (Debian 12 has none) a stand-in: this JDK 17 whose release file says 21
    Jdk jdk21 = LocalJdks.find(21, true).orElseGet(() -> LocalJdks.relabelled(Jdk.current().orElseThrow(), "21.0.9",
        dir.resolve("jdk21")));
    PlanDraft draft = draft(glibc(), new RuntimePlan(RuntimePlan.Jlink.ON, 21, List.of(), List.of(), List.of(),
        List.of(), Set.of(), List.of(Jdk.current().orElseThrow().home(), jdk21.home()), Optional.empty(), false,
        false));
    draft.port = RuncRun.freePort();
    Path tar = build(draft).outputDirectory().resolve("image.tar");

    assertTrue(infos.stream().anyMatch(l -> l.startsWith("Linked runtime ") && l.contains("build JDK 21")
        && l.contains(jdk21.home().toString())), infos::toString);
    RuncRun.run(tar, draft.port, "/", 1001);
  }

  @Test
  void aBuilderImageWithoutJmodsSaysWhyAndWhatToSet() throws IOException {
    Path layout = StandInBases.ociLayout("jdk-nojmods"); // what eclipse-temurin:25-jdk-* images are
    PlanDraft draft = draft(glibc(), runtime(RuntimePlan.Jlink.ON, HOST_JDK, List.of(), true));
    draft.builderBase = Optional.of(BaseSource.parse("oci:" + layout, "builderImage", dir));

    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> build(draft));

    assertEquals("jlink", e.parameter());
    assertTrue(e.getMessage().contains("has no jmods at /opt/java/openjdk/jmods: JDK builds from 24 on"), e.getMessage());
    assertTrue(e.getMessage().contains("links only from its own run-time image"), e.getMessage());
    assertTrue(e.getMessage().contains("set <builderImage> to a JDK " + HOST_JDK + " image that has jmods"),
        e.getMessage());
  }

  @Test
  void rebuildAfterAOneClassChangeRelinksNothing() throws IOException {
    PlanDraft draft = draft(glibc(), runtime(RuntimePlan.Jlink.ON, HOST_JDK, List.of(), false));
    build(draft);
    String runtimeDigest = layerDigest(draft, "runtime");
    infos.clear();

    draft.app.recompile("Hello again");
    build(draft);

    assertTrue(infos.stream().anyMatch(l -> l.startsWith("Reusing linked runtime ")), infos::toString);
    assertFalse(infos.stream().anyMatch(l -> l.startsWith("Linked runtime ")), infos::toString);
    assertEquals(runtimeDigest, layerDigest(draft, "runtime"));
    JsonNode report = report(draft);
    for (JsonNode layer : report.path("layers")) {
      assertEquals(!layer.path("name").asText().equals("classes"), layer.path("reused").asBoolean(),
          layer.toString());
    }
  }

  @Test
  void unknownModuleInAddModulesFailsNamingAddModules() {
    PlanDraft draft = draft(glibc(), runtime(RuntimePlan.Jlink.ON, HOST_JDK, List.of("java.sqll"), false));
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> build(draft));
    assertEquals("addModules", e.parameter());
    assertTrue(e.getMessage().contains("'java.sqll'") && e.getMessage().contains("java.sql"), e.getMessage());
  }

  @Test
  void featureVersionWithoutAMatchingJdkFailsWithJlinkTrue() {
    PlanDraft draft = draft(glibc(), runtime(RuntimePlan.Jlink.ON, OTHER, List.of(), false));
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> build(draft));
    assertEquals("jlink", e.parameter());
    assertTrue(e.getMessage().contains("no JDK " + OTHER) && e.getMessage().contains("<builderImage>"), e.getMessage());
  }

  @Test
  void builderImageOfAnotherFeatureVersionFailsNamingBuilderImage() {
    PlanDraft draft = draft(glibc(), runtime(RuntimePlan.Jlink.ON, OTHER, List.of(), false));
    draft.builderBase = Optional.of(BaseSource.parse("oci:" + StandInBases.ociLayout("jdk"), "builderImage", dir));
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> build(draft));
    assertEquals("builderImage", e.parameter());
    assertTrue(e.getMessage().contains("is Java " + HOST_JDK) && e.getMessage().contains("targets Java " + OTHER),
        e.getMessage());
  }

  @Test
  void glibcRuntimeForAMuslBaseFailsNamingBuilderImage() throws IOException {
    PlanDraft draft = draft(muslBase(), runtime(RuntimePlan.Jlink.ON, HOST_JDK, List.of(), false));
    draft.builderBase = Optional.of(BaseSource.parse("oci:" + StandInBases.ociLayout("jdk"), "builderImage", dir));
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> build(draft));
    assertEquals("builderImage", e.parameter());
    assertTrue(e.getMessage().contains("glibc runtime") && e.getMessage().contains("uses musl"), e.getMessage());
    assertFalse(Files.exists(draft.outputDirectory()));
  }

  @Test
  void jlinkLeftAtItsDefaultFallsBackToTheJreBaseWithAWarning() throws IOException {
    PlanDraft draft = draft(glibc(), runtime(RuntimePlan.Jlink.AUTO, OTHER, List.of(), false));
    draft.runtime = new RuntimePlan(RuntimePlan.Jlink.AUTO, OTHER, List.of(), List.of(), List.of(),
        draft.app.analysisPaths(), Set.of(),
        List.of(), Optional.of(BaseSource.parse("oci:" + StandInBases.ociLayout("jre-distroless"), "runtimeImage",
            dir)), false, false);
    build(draft);

    assertTrue(warnings.stream().anyMatch(w -> w.startsWith("jlink: no JDK " + OTHER) && w.contains("Falling back")),
        warnings::toString);
    assertEquals(List.of("base", "user", "probe", "dependencies", "resources", "classes"), layerNames(draft));
    assertTrue(report(draft).path("bases").path("runtime").asText().contains("jre-distroless"));
  }

  private RuntimePlan runtime(RuntimePlan.Jlink jlink, int feature, List<String> addModules, boolean builderOnly) {
    return new RuntimePlan(jlink, feature, addModules, List.of(), List.of(), List.of(), Set.of(), List.of(), Optional.empty(), builderOnly, false);
  }

  private PlanDraft draft(BaseSource base, RuntimePlan runtime) {
    PlanDraft draft = new PlanDraft(base, TinyWebApp.compile(dir.resolve("app"), "Hello"), dir.resolve("project"),
        dir.resolve("cache"));
    draft.runtime = new RuntimePlan(runtime.jlink(), runtime.javaFeature(), runtime.addModules(), runtime.modules(), runtime.locales(),
        draft.app.analysisPaths(), runtime.artifactIds(), runtime.localJdks(), runtime.fallbackRuntimeBase(),
        runtime.fromBuilderImageOnly(), runtime.runtimeCheck());
    return draft;
  }

  private ImageBuild.Result build(PlanDraft draft) throws IOException {
    return new ImageBuild(draft.plan(), RegistryOptions.defaults(), infos::add, warnings::add).run();
  }

  private BaseSource glibc() {
    return BaseSource.parse("oci:" + StandInBases.ociLayout("glibc"), "runtimeImage", dir);
  }

  /** A base that looks like alpine to the libc check: musl's dynamic loader and nothing else. */
  private BaseSource muslBase() throws IOException {
    Path blobs = dir.resolve("musl-blobs");
    WrittenLayer w = ReproducibleLayerWriter.write(List.of(
        new LayerEntry.Directory("/lib", 0755, 0, 0),
        new LayerEntry.Content("/lib/ld-musl-x86_64.so.1", new byte[] {0x7f, 'E', 'L', 'F'}, 0755, 0, 0)), blobs);
    Layer layer = new Layer("base", new Descriptor(ImageFormat.OCI.layerMediaType, w.digest(), w.compressedSize()),
        w.diffId(), w.uncompressedSize(), w.files(), w.blob(), true);
    ImageConfig config = ImageConfig.empty(Platform.LINUX_AMD64).withLayer(w.diffId(), "musl", java.time.Instant.EPOCH);
    Path layout = dir.resolve("musl-layout");
    OciLayout.writeDirectory(new Image(Platform.LINUX_AMD64, ImageFormat.OCI, config, List.of(layer)), "latest", layout);
    return BaseSource.parse("oci:" + layout, "runtimeImage", dir);
  }

  private JsonNode report(PlanDraft draft) throws IOException {
    return JSON.readTree(draft.outputDirectory().resolve("report.json").toFile());
  }

  private List<String> layerNames(PlanDraft draft) throws IOException {
    List<String> names = new ArrayList<>();
    report(draft).path("layers").forEach(l -> names.add(l.path("name").asText()));
    return names;
  }

  private String layerDigest(PlanDraft draft, String name) throws IOException {
    for (JsonNode l : report(draft).path("layers")) {
      if (l.path("name").asText().equals(name)) {
        return l.path("digest").asText();
      }
    }
    throw new AssertionError("no " + name + " layer");
  }

  private Set<String> runtimeLayerFiles(Path tar, PlanDraft draft) throws IOException {
    String blob = layerDigest(draft, "runtime").substring(7) + ".tar.gz";
    Set<String> files = new TreeSet<>();
    try (TarFile archive = new TarFile(tar)) {
      for (TarArchiveEntry e : archive.getEntries()) {
        if (e.getName().equals(blob)) {
          try (TarArchiveInputStream layer = new TarArchiveInputStream(
              new java.util.zip.GZIPInputStream(archive.getInputStream(e)))) {
            for (TarArchiveEntry f; (f = layer.getNextEntry()) != null; ) {
              files.add(f.getName());
            }
          }
        }
      }
    }
    return files;
  }

  private static Set<String> moduleNames(String listModules) {
    Set<String> names = new TreeSet<>();
    for (String line : listModules.split("\n")) {
      if (!line.isBlank()) {
        names.add(line.split("@")[0].trim());
      }
    }
    return names;
  }
}
