package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ImagePlan;
import dev.multistage.plan.LayerPlan;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.testing.StandInBases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The up-to-date check: what makes the image goal build again, and what lets it keep the last build's outputs. */
class UpToDateTest {
  @TempDir Path dir;

  private final List<String> log = new ArrayList<>();
  private TinyWebApp app;
  private PlanDraft draft;
  private Path resource;

  @BeforeEach
  void firstBuild() throws IOException {
    app = TinyWebApp.compile(dir.resolve("checkout"), "Hello");
    resource = Files.writeString(app.classes().resolve("application.properties"), "greeting=hello\n");
    draft = new PlanDraft(base(StandInBases.ociLayout("jre-distroless")), app, dir.resolve("project"),
        dir.resolve("cache"));
    assertTrue(build(draft.plan()).isPresent(), "the first build builds");
    log.clear();
  }

  private BaseSource base(Path layout) {
    return BaseSource.parse("oci:" + layout, "runtimeImage", dir);
  }

  private Optional<ImageBuild.Result> build(ImagePlan plan) throws IOException {
    return new ImageBuild(plan, RegistryOptions.defaults(), log::add, log::add).runUnlessUpToDate();
  }

  private Path output(String name) {
    return draft.outputDirectory().resolve(name);
  }

  private String rebuildReason() {
    return log.stream().filter(l -> l.startsWith("Rebuilding the image")).findFirst().orElse("no rebuild line: " + log);
  }

  @Test
  void anUnchangedProjectIsNotBuiltAgainAndItsOutputsAreKept() throws IOException {
    FileTime tar = Files.getLastModifiedTime(output("image.tar"));
    String digest = Files.readString(output("image-digest"));

    assertTrue(build(draft.plan()).isEmpty(), "built again with nothing changed");

    assertEquals(tar, Files.getLastModifiedTime(output("image.tar")));
    assertTrue(log.stream().anyMatch(l -> l.contains("is up to date (" + digest + ")")), log::toString);
  }

  @Test
  void aChangedClassIsBuiltAgainAndTheLogNamesIt() throws IOException {
    Path main = app.classes().resolve("demo/Hello.class");
    Files.write(main, new byte[] {0}, StandardOpenOption.APPEND);

    assertTrue(build(draft.plan()).isPresent());
    assertTrue(rebuildReason().contains("/app/classes/demo/Hello.class"), rebuildReason());
    assertTrue(build(draft.plan()).isEmpty(), "the rebuild was not recorded");
  }

  @Test
  void aChangedResourceIsBuiltAgain() throws IOException {
    Files.writeString(resource, "greeting=bonjour\n");

    assertTrue(build(draft.plan()).isPresent());
    assertTrue(rebuildReason().contains("/app/classes/application.properties"), rebuildReason());
  }

  @Test
  void anotherDependencyVersionIsBuiltAgain() throws IOException {
    Path newer = Files.copy(dir.resolve("checkout/lib/greeting-lib-1.0.jar"), dir.resolve("greeting-lib-1.1.jar"));
    List<LayerPlan> layers = new ArrayList<>(app.layers());
    layers.set(0, new LayerPlan("dependencies", List.of(new LayerPlan.AppFile(newer, "/app/libs/greeting-lib-1.1.jar"))));
    ImagePlan plan = draft.plan();

    assertTrue(build(new ImagePlan(plan.target(), plan.bases(), plan.runtime(), plan.launch(), plan.service(),
        plan.container(), layers, plan.labels(), plan.outputs(), plan.report())).isPresent());
  }

  @Test
  void aChangedParameterIsBuiltAgain() throws IOException {
    draft.environment = java.util.Map.of("GREETING", "bonjour");

    assertTrue(build(draft.plan()).isPresent());
    assertTrue(rebuildReason().contains("settings container"), rebuildReason());
  }

  @Test
  void aBaseWithANewDigestIsBuiltAgain() throws IOException {
    Path layout = dir.resolve("base");
    copyTree(StandInBases.ociLayout("jre-distroless"), layout);
    draft.runtimeBase = base(layout);
    assertTrue(build(draft.plan()).isPresent());
    assertTrue(build(draft.plan()).isEmpty());

    // what a new pull of the base does: the layout's index names other manifests
    Path index = layout.resolve("index.json");
    Files.writeString(index, Files.readString(index).replace("{", "{ "));
    log.clear();
    assertTrue(build(draft.plan()).isPresent());
    assertTrue(rebuildReason().contains(index.toString()), rebuildReason());
  }

  @Test
  void aPinnedRegistryBaseIsAnInputByItsDigestAndATagAloneCannotBeKept() throws IOException {
    BaseSource pinned = BaseSource.parse("127.0.0.1:9/base/jre:17@sha256:" + "1".repeat(64), "runtimeImage", dir);
    BaseSource repinned = BaseSource.parse("127.0.0.1:9/base/jre:17@sha256:" + "2".repeat(64), "runtimeImage", dir);
    draft.runtimeBase = pinned;
    String one = new UpToDate(draft.plan()).inputs().orElseThrow().digest();
    draft.runtimeBase = repinned;
    String two = new UpToDate(draft.plan()).inputs().orElseThrow().digest();
    draft.runtimeBase = BaseSource.parse("127.0.0.1:9/base/jre:17", "runtimeImage", dir);

    assertNotEquals(one, two);
    assertTrue(new UpToDate(draft.plan()).inputs().isEmpty(), "a tag can move without a local trace");
  }

  @Test
  void thePluginIsAnInput() throws IOException {
    UpToDate upToDate = new UpToDate(draft.plan());
    List<String> lines = upToDate.inputs().orElseThrow().lines();

    assertTrue(lines.stream().anyMatch(l -> l.startsWith("the plugin\t")), lines::toString);
    // run from its jar, the jar's size, time and inode are the plugin's identity
    Path jar = Files.writeString(dir.resolve("multistage-maven-plugin-0.1.0.jar"), "jar");
    String before = UpToDate.identity(jar);
    Files.writeString(jar, "rebuilt jar");
    assertNotEquals(before, UpToDate.identity(jar));
  }

  @Test
  void aPushIsNeverKept() throws IOException {
    draft.push = true;

    assertTrue(new UpToDate(draft.plan()).inputs().isEmpty());
  }

  @Test
  void aDeletedOutputIsBuiltAgain() throws IOException {
    Files.delete(output("report.html"));

    assertTrue(build(draft.plan()).isPresent());
    assertTrue(Files.exists(output("report.html")));
    assertTrue(rebuildReason().contains("output report.html"), rebuildReason());
  }

  @Test
  void anAlteredOutputIsBuiltAgain() throws IOException {
    String digest = Files.readString(output("image-digest"));
    Files.write(output("image.tar"), new byte[] {0}, StandardOpenOption.APPEND);

    assertTrue(build(draft.plan()).isPresent());
    assertEquals(digest, Files.readString(output("image-digest")));
    assertTrue(rebuildReason().contains("output image.tar"), rebuildReason());
  }

  @Test
  void aFailedBuildIsNotRecordedAsBuilt() throws IOException {
    draft.runtimeBase = base(dir.resolve("no-such-layout"));
    try {
      build(draft.plan());
    } catch (RuntimeException | IOException expected) {
      // the base is missing
    }
    draft.runtimeBase = base(StandInBases.ociLayout("jre-distroless"));

    assertTrue(build(draft.plan()).isPresent(), "kept after a failed build with other inputs");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
