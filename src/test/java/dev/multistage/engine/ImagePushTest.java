package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.ManifestFormat;
import dev.multistage.registry.PushResult;
import dev.multistage.registry.RegistryCredential;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.StandInBases;
import dev.multistage.testing.TlsRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push goal's engine path: the image {@code image} wrote to {@code target/multistage/image.tar} goes to a TLS
 * registry with basic auth, as it is, and the push is recorded in {@code image.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagePushTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "ci";
  private static final String PASSWORD = "push-s3cret";

  private TlsRegistry tls;
  private LoopbackRegistry registry;
  private final List<String> log = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  void startRegistry(@TempDir Path trustDir) throws IOException {
    tls = TlsRegistry.start(USER, PASSWORD, trustDir);
    registry = tls.registry();
  }

  @AfterAll
  void stopRegistry() {
    if (tls != null) {
      tls.close();
    }
  }

  @Test
  void pushesTheBuiltImageTarAsItIsAndRecordsItInImageJson() throws IOException {
    PlanDraft draft = draft("Hello", "record/app");
    Path out = build(draft);
    String built = Files.readString(out.resolve("image-digest"));

    PushResult result = push(out, draft.to, List.of("1.0.0", "latest"));

    assertEquals(built, result.digest(), "the push goal pushes the built image, not a rebuild");
    assertEquals(built, Files.readString(out.resolve("image-digest")));
    JsonNode record = JSON.readTree(out.resolve("image.json").toFile());
    assertEquals(draft.to, record.path("reference").asText());
    assertEquals(built, record.path("digest").asText());
    assertEquals(List.of("1.0.0", "latest"), texts(record.path("tags")));
    assertEquals(List.of(draft.to + ":1.0.0", draft.to + ":latest", draft.to + "@" + built),
        texts(record.path("pushed")));
    assertFalse(Files.readString(out.resolve("image.json")).contains(PASSWORD));
    assertTrue(log.stream().noneMatch(l -> l.contains(PASSWORD)), log::toString);
    try (var files = Files.list(out)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp file is left");
    }
  }

  @Test
  void ociArchiveIsPushedWithTheSameDigest() throws IOException {
    PlanDraft draft = draft("Hello", "oci/app");
    draft.format = ManifestFormat.OCI;
    Path out = build(draft);

    PushResult result = push(out, draft.to, List.of("1.0.0"));

    assertEquals(Files.readString(out.resolve("image-digest")), result.digest());
  }

  @Test
  void secondPushAfterAOneClassChangeUploadsOnlyTheClassesLayerConfigAndManifest() throws IOException {
    PlanDraft draft = draft("Hello", "incremental/app");
    push(build(draft), draft.to, List.of("1.0.0"));
    int blobsBefore = uploads("blobs/uploads/");
    int manifestsBefore = uploads("manifests/");

    draft.app.recompile("Hello again");
    Path out = build(draft);
    PushResult second = push(out, draft.to, List.of("1.0.0"));

    assertEquals(2, second.uploaded(), "the classes layer and the config");
    assertEquals(2, uploads("blobs/uploads/") - blobsBefore, "blob uploads the registry logged");
    assertEquals(1, uploads("manifests/") - manifestsBefore, "manifest uploads the registry logged");
    assertEquals(Files.readString(out.resolve("image-digest")), second.digest());
  }

  @Test
  void imageGoalWithPushTrueTakesTheSamePathAndWritesImageJson() throws IOException {
    PlanDraft draft = draft("Hello", "inline/app");
    draft.push = true;

    ImageBuild.Result result = new ImageBuild(draft.plan(), credentials(), log::add, log::add).run();

    JsonNode record = JSON.readTree(result.outputDirectory().resolve("image.json").toFile());
    assertEquals(result.image().manifestDescriptor().digest(), record.path("digest").asText());
    assertEquals(result.pushed().orElseThrow().digest(), record.path("digest").asText());
  }

  @Test
  void missingImageTarFailsAskingForMvnPackage() {
    Path out = dir.resolve("never-built/target/multistage");

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> push(out, registry.hostPort() + "/missing/app", List.of("1")));

    assertEquals("outputDirectory", e.parameter());
    assertTrue(e.getMessage().contains("image.tar does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn package"), e.getMessage());
    assertFalse(Files.exists(out.resolve("image.json")));
  }

  @Test
  void failedPushLeavesNoImageJson() throws IOException {
    PlanDraft draft = draft("Hello", "denied/app");
    Path out = build(draft);
    push(out, draft.to, List.of("1.0.0"));

    RegistryOptions wrong = RegistryOptions.defaults()
        .withCredential(registry.hostPort(), new RegistryCredential(USER, "wrong"));
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new ImagePush(wrong, log::add)
        .pushBuilt(out, draft.to, List.of("1.0.0"), dir.resolve("work")));

    assertTrue(e.getMessage().contains("settings.xml"), e.getMessage());
    assertFalse(Files.exists(out.resolve("image.json")), "the earlier push's record is gone");
  }

  @Test
  void mountSourceIsTheRepositoryOfTheBaseNameLabel() {
    assertEquals("127.0.0.1:5000/base/jre", ImagePush.repositoryOf("127.0.0.1:5000/base/jre:17@sha256:abc"));
    assertEquals("ghcr.io/acme/base", ImagePush.repositoryOf("ghcr.io/acme/base"));
  }

  private PlanDraft draft(String greeting, String repository) {
    Path root = dir.resolve(repository.replace('/', '-'));
    BaseSource base = BaseSource.parse("oci:" + StandInBases.ociLayout("jre-distroless"), "runtimeImage", dir);
    PlanDraft draft = new PlanDraft(base, TinyWebApp.compile(root.resolve("checkout"), greeting),
        root.resolve("project"), dir.resolve("cache"));
    draft.to = registry.hostPort() + "/" + repository;
    return draft;
  }

  private Path build(PlanDraft draft) throws IOException {
    return new ImageBuild(draft.plan(), RegistryOptions.defaults(), m -> {}, m -> {}).run().outputDirectory();
  }

  private PushResult push(Path outputDirectory, String to, List<String> tags) throws IOException {
    return new ImagePush(credentials(), log::add).pushBuilt(outputDirectory, to, tags, dir.resolve("work"));
  }

  private RegistryOptions credentials() {
    return RegistryOptions.defaults().withCredential(registry.hostPort(), new RegistryCredential(USER, PASSWORD))
        .withLogs(log::add, log::add);
  }

  /** Completed uploads (PUT … 201) whose path contains {@code part}, from the registry's access log. */
  private int uploads(String part) throws IOException {
    Pattern put = Pattern.compile("\"PUT /v2/[^ \"]*" + Pattern.quote(part) + "[^ \"]* HTTP/[0-9.]+\" 201 ");
    return (int) Files.readAllLines(registry.logFile()).stream().filter(l -> put.matcher(l).find()).count();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
