package dev.multistage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.ReportPlan;
import dev.multistage.plan.RuntimePlan;
import dev.multistage.registry.RegistryOptions;
import dev.multistage.testing.LoopbackRegistry;
import dev.multistage.testing.Processes;
import dev.multistage.testing.Requirements;
import dev.multistage.testing.StandInBases;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size report of real builds, checked against what the registry, image.tar and a browser see. */
class SizeReportBuildTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> APP_LAYERS =
      Set.of("dependencies", "snapshot-dependencies", "modules", "resources", "classes");

  private Duration retryBudget = RegistryOptions.DEFAULT_RETRY_BUDGET;
  @TempDir Path dir;

  private final List<String> infos = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  @Test
  void layerSizesAndDigestsAreThoseOfThePushedManifestAndOfImageTar() throws IOException {
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      PlanDraft draft = draft(distroless());
      draft.to = registry.hostPort() + "/shop/greeter";
      draft.push = true;
      draft.allowInsecureRegistries = true;

      Path out = build(draft).outputDirectory();

      JsonNode report = report(out);
      JsonNode pushed = JSON.readTree(Processes.check(Duration.ofMinutes(1), List.of("skopeo", "inspect", "--raw",
          "--tls-verify=false", "docker://" + draft.to + ":1.0.0")).stdout());
      JsonNode layers = report.path("layers");
      assertEquals(pushed.path("layers").size(), layers.size());
      long total = pushed.path("config").path("size").asLong();
      ImageArchive archive = ImageArchive.read(out.resolve("image.tar"));
      JsonNode tarLayers = archive.json("manifest.json").path(0).path("Layers");
      long tarTotal = archive.size(archive.json("manifest.json").path(0).path("Config").asText());
      for (int i = 0; i < layers.size(); i++) {
        JsonNode row = layers.get(i);
        JsonNode inRegistry = pushed.path("layers").get(i);
        assertEquals(inRegistry.path("digest").asText(), row.path("digest").asText(), row::toString);
        assertEquals(inRegistry.path("size").asLong(), row.path("compressedBytes").asLong(), row::toString);
        assertEquals(row.path("digest").asText().substring(7) + ".tar.gz", tarLayers.get(i).asText());
        assertEquals(row.path("compressedBytes").asLong(), archive.size(tarLayers.get(i).asText()), row::toString);
        total += inRegistry.path("size").asLong();
        tarTotal += archive.size(tarLayers.get(i).asText());
      }
      assertEquals(total, report.path("totals").path("compressedBytes").asLong());
      assertEquals(tarTotal, report.path("totals").path("compressedBytes").asLong());
      assertEquals(Files.readString(out.resolve("image-digest")), report.path("image").path("digest").asText());
    }
  }

  @Test
  void baselineIsTheBaselineImagesManifestPlusTheAppLayers() throws IOException {
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      String digest = StandInBases.pushTo("jdk", registry.hostPort(), "base/jdk:17");
      String jdk = registry.hostPort() + "/base/jdk:17@" + digest;
      PlanDraft draft = draft(distroless());
      draft.allowInsecureRegistries = true;
      draft.report = ReportPlan.none().withBaseline(BaseSource.parse(jdk, "baselineImage", dir));

      Path out = build(draft).outputDirectory();

      JsonNode manifest = JSON.readTree(Processes.check(Duration.ofMinutes(1), List.of("skopeo", "inspect", "--raw",
          "--tls-verify=false", "docker://" + registry.hostPort() + "/base/jdk@" + digest)).stdout());
      long jdkBlobs = manifest.path("config").path("size").asLong();
      for (JsonNode layer : manifest.path("layers")) {
        jdkBlobs += layer.path("size").asLong();
      }
      JsonNode report = report(out);
      long app = 0;
      for (JsonNode layer : report.path("layers")) {
        app += APP_LAYERS.contains(layer.path("name").asText()) ? layer.path("compressedBytes").asLong() : 0;
      }
      JsonNode baseline = report.path("baseline");
      assertEquals(jdk, baseline.path("image").asText());
      assertEquals(digest, baseline.path("digest").asText());
      assertEquals(jdkBlobs, baseline.path("baseCompressedBytes").asLong(), baseline::toString);
      assertEquals(jdkBlobs + app, baseline.path("compressedBytes").asLong(), baseline::toString);
      assertTrue(baseline.path("uncompressedBytes").isNull(), "a manifest does not tell uncompressed sizes");
      double image = report.path("totals").path("compressedBytes").asDouble();
      assertEquals(1 - image / (jdkBlobs + app), report.path("reduction").asDouble(), 0.0001);
      assertTrue(report.path("reduction").asDouble() > 0.5, report.path("reduction")::toString);
      String line = infos.stream().filter(l -> l.contains("single-stage")).findFirst().orElseThrow();
      assertTrue(line.matches("  \\d+\\.\\d [kM]B vs \\d+\\.\\d MB single-stage \\(-\\d+%\\).*"), line);
      assertEquals(List.of(), warnings);
    }
  }

  @Test
  void localBaselineAlsoTellsItsUncompressedSize() throws IOException {
    Path layout = StandInBases.ociLayout("jre-distroless");
    PlanDraft draft = draft(distroless());
    draft.report = ReportPlan.none().withBaseline(BaseSource.parse("oci:" + layout, "baselineImage", dir));

    JsonNode report = report(build(draft).outputDirectory());

    // the runtime base is the baseline here: the same base layers on both sides
    long base = 0;
    long baseTars = 0;
    long app = 0;
    long appTars = 0;
    for (JsonNode layer : report.path("layers")) {
      boolean isApp = APP_LAYERS.contains(layer.path("name").asText());
      boolean isBase = layer.path("name").asText().equals("base");
      app += isApp ? layer.path("compressedBytes").asLong() : 0;
      appTars += isApp ? layer.path("uncompressedBytes").asLong() : 0;
      base += isBase ? layer.path("compressedBytes").asLong() : 0;
      baseTars += isBase ? layer.path("uncompressedBytes").asLong() : 0;
    }
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    String manifestDigest = index.path("manifests").get(0).path("digest").asText();
    JsonNode manifest = JSON.readTree(layout.resolve("blobs/sha256/" + manifestDigest.substring(7)).toFile());
    long config = manifest.path("config").path("size").asLong();
    JsonNode baseline = report.path("baseline");
    assertEquals(base + config + app, baseline.path("compressedBytes").asLong(), baseline::toString);
    assertEquals(baseTars + appTars, baseline.path("uncompressedBytes").asLong(), baseline::toString);
    assertTrue(report.path("reduction").asDouble() < 0, "user and probe layers make the image a bit larger");
  }

  @Test
  void unreadableBaselineIsOneWarningAndTheBuildGoesOn() throws IOException {
    String host = closedPort();
    PlanDraft draft = draft(distroless());
    draft.report = ReportPlan.none()
        .withBaseline(BaseSource.parse(host + "/library/jdk:17", "baselineImage", dir));

    JsonNode report = report(build(draft).outputDirectory());

    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains(host) && warnings.get(0).contains("unavailable"), warnings.get(0));
    assertFalse(report.path("baseline").path("available").asBoolean());
    assertTrue(report.path("baseline").path("reason").asText().contains(host), report.path("baseline")::toString);
    assertTrue(report.path("reduction").isNull());
  }

  @Test
  void minReductionWithAnUnreadableBaselineFailsNamingBaselineImageAfterWritingTheReport() throws IOException {
    String host = closedPort();
    PlanDraft draft = draft(distroless());
    draft.report = ReportPlan.budgets(Optional.of(BaseSource.parse(host + "/library/jdk:17", "baselineImage", dir)),
        null, "0.7");

    String message = assertThrows(InvalidParameterException.class, () -> build(draft)).getMessage();

    assertTrue(message.startsWith("<baselineImage>:"), message);
    assertTrue(message.contains(host) && message.contains("minReduction"), message);
    assertFalse(report(draft.outputDirectory()).path("baseline").path("available").asBoolean());
  }

  @Test
  void imageOverMaxImageSizeFailsWithTheFiguresAfterWritingTheReport() throws IOException {
    PlanDraft draft = draft(distroless());
    draft.report = ReportPlan.budgets(Optional.empty(), "1MB", null);

    String message = assertThrows(InvalidParameterException.class, () -> build(draft)).getMessage();

    long size = report(draft.outputDirectory()).path("totals").path("compressedBytes").asLong();
    String human = dev.multistage.report.SizeReport.human(size);
    assertTrue(message.startsWith("<maxImageSize>: the image is " + human + " compressed, over the 1.0 MB budget"),
        message);
    assertTrue(message.contains("Fix:"), message);
    assertTrue(Files.isRegularFile(draft.outputDirectory().resolve("report.html")));
    assertTrue(Files.isRegularFile(draft.outputDirectory().resolve("image.tar")));
  }

  @Test
  void reductionUnderMinReductionFailsWithTheFigures() throws IOException {
    PlanDraft draft = draft(distroless());
    draft.report = ReportPlan.budgets(
        Optional.of(BaseSource.parse("oci:" + StandInBases.ociLayout("jre-distroless"), "baselineImage", dir)),
        null, "50%");

    String message = assertThrows(InvalidParameterException.class, () -> build(draft)).getMessage();

    assertTrue(message.startsWith("<minReduction>: the image is "), message);
    assertTrue(message.contains("single-stage") && message.contains("short of the 50.0% required"), message);
    assertTrue(Files.isRegularFile(draft.outputDirectory().resolve("report.json")));
  }

  @Test
  void budgetsTheImageMeetsDoNotFail() throws IOException {
    PlanDraft draft = draft(distroless());
    draft.report = ReportPlan.budgets(
        Optional.of(BaseSource.parse("oci:" + StandInBases.ociLayout("jdk"), "baselineImage", dir)), "1.5GB", "0.5");

    assertTrue(Files.isRegularFile(build(draft).outputDirectory().resolve("report.json")));
  }

  @Test
  void markdownIsAppendedToTheGithubStepSummary() throws IOException {
    Path summary = Files.writeString(dir.resolve("step-summary.md"), "# earlier step\n");
    PlanDraft draft = draft(distroless());

    Path out = new ImageBuild(draft.plan(), RegistryOptions.defaults(), infos::add, warnings::add,
        Map.of("GITHUB_STEP_SUMMARY", summary.toString())).run().outputDirectory();

    assertEquals("# earlier step\n" + Files.readString(out.resolve("report.md")) + "\n", Files.readString(summary));
  }

  @Test
  void runtimeLinkedByTheBuildJdkIsReportedAsSuchWithTheReasonForEachModule() throws IOException {
    PlanDraft draft = draft(BaseSource.parse("oci:" + StandInBases.ociLayout("glibc"), "runtimeImage", dir));
    draft.runtime = new RuntimePlan(RuntimePlan.Jlink.ON, Runtime.version().feature(), List.of("jdk.zipfs"), List.of(), List.of(),
        draft.app.analysisPaths(), Set.of(), List.of(), Optional.empty(), false, false);

    JsonNode report = report(build(draft).outputDirectory());

    JsonNode runtime = report.path("runtime");
    assertTrue(runtime.path("linkedBy").asText().startsWith("build JDK " + System.getProperty("java.version")),
        runtime::toString);
    assertTrue(runtime.path("builderImage").isNull(), runtime::toString);
    assertTrue(report.path("bases").path("builder").isNull(), "no builder image was used");
    Map<String, List<String>> reasons = new java.util.TreeMap<>();
    runtime.path("modules").forEach(m -> {
      List<String> why = new ArrayList<>();
      m.path("reasons").forEach(r -> why.add(r.asText()));
      reasons.put(m.path("name").asText(), why);
    });
    assertTrue(reasons.containsKey("java.base"), reasons::toString);
    assertTrue(reasons.getOrDefault("jdk.httpserver", List.of()).stream().anyMatch(r -> r.equals("uses in application classes")),
        reasons::toString);
    assertTrue(reasons.getOrDefault("jdk.zipfs", List.of()).contains("addModules"), reasons::toString);
    assertTrue(Files.readString(draft.outputDirectory().resolve("report.md")).contains("| jdk.zipfs | addModules |"));
  }

  @Test
  void htmlPageRendersBothBarsInAHeadlessBrowserWithoutFetchingAnything() throws Exception {
    Requirements.assumeTools("chromium");
    PlanDraft draft = draft(distroless());
    draft.report = ReportPlan.none()
        .withBaseline(BaseSource.parse("oci:" + StandInBases.ociLayout("jre-distroless"), "baselineImage", dir));
    Path html = build(draft).outputDirectory().resolve("report.html");
    String page = Files.readString(html);
    assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(page).find(), page);
    assertFalse(Pattern.compile("(?i)@import|url\\(|<script|<link").matcher(page).find(), page);

    Path png = dir.resolve("report.png");
    chromium(List.of(), "--screenshot=" + png, "--window-size=1200,900", html.toUri().toString());
    String dom = chromium(List.of(), "--dump-dom", html.toUri().toString()).stdout();
    BufferedImage shot = ImageIO.read(png.toFile());
    assertTrue(distinctColors(shot) > 3, "the screenshot is blank");
    for (String bar : List.of("bar-image", "bar-baseline")) {
      Matcher m = Pattern.compile("<g id=\"" + bar + "\">.*?<rect [^>]*width=\"([0-9.]+)\"", Pattern.DOTALL)
          .matcher(dom);
      assertTrue(m.find(), () -> bar + " missing from the rendered page:\n" + dom);
      assertTrue(Double.parseDouble(m.group(1)) > 0, bar);
    }
    assertTrue(dom.contains("single-stage"), dom);

    // a page that fetches something shows up at the proxy; the report does not
    Path fetching = Files.writeString(dir.resolve("fetching.html"),
        "<!DOCTYPE html><html><body><img src=\"http://report-resource.test/x.png\"></body></html>");
    assertTrue(hostsRequestedBy(fetching).contains("report-resource.test"), "the proxy sees page requests");
    Set<String> requested = hostsRequestedBy(html);
    requested.removeAll(BROWSER_SERVICES);
    assertEquals(Set.of(), requested, "hosts the report page made requests to");
  }

  /** Chromium's own update and sign-in calls, which it makes whatever the page. */
  private static final Set<String> BROWSER_SERVICES =
      Set.of("update.googleapis.com", "accounts.google.com", "clients2.google.com");

  /** The hosts Chromium sends requests to while it renders {@code page}, all through a recording proxy. */
  private Set<String> hostsRequestedBy(Path page) throws IOException {
    Set<String> hosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread recorder = new Thread(() -> {
        while (!proxy.isClosed()) {
          try (Socket client = proxy.accept()) {
            client.setSoTimeout(2000);
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(),
                StandardCharsets.ISO_8859_1)).readLine();
            Matcher m = Pattern.compile("^[A-Z]+ (?:https?://)?([^/: ]+)").matcher(line == null ? "" : line);
            hosts.add(m.find() ? m.group(1) : "?" + line);
          } catch (IOException closedOrSilent) {
            // the proxy closed, or a client sent nothing
          }
        }
      });
      recorder.setDaemon(true);
      recorder.start();
      // loopback included, every request goes through the proxy
      chromium(List.of("--proxy-server=http://127.0.0.1:" + proxy.getLocalPort(), "--proxy-bypass-list=<-loopback>"),
          "--screenshot=" + dir.resolve("proxied.png"), page.toUri().toString());
    }
    return new HashSet<>(hosts);
  }

  private Processes.Result chromium(List<String> flags, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-")));
    command.addAll(flags);
    command.addAll(List.of(args));
    return Processes.check(Duration.ofMinutes(2), command);
  }

  private static int distinctColors(BufferedImage image) {
    Set<Integer> colors = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colors.add(image.getRGB(x, y));
      }
    }
    return colors.size();
  }

  /** A registry nobody listens on; the build waits only a second for it (the budget is the retry tests' subject). */
  private String closedPort() throws IOException {
    retryBudget = Duration.ofSeconds(1);
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  private PlanDraft draft(BaseSource base) {
    return new PlanDraft(base, TinyWebApp.compile(dir.resolve("checkout"), "Hello"), dir.resolve("project"),
        dir.resolve("cache"));
  }

  private ImageBuild.Result build(PlanDraft draft) throws IOException {
    RegistryOptions options = RegistryOptions.defaults().withAllowInsecure(draft.allowInsecureRegistries)
        .withRetryBudget(retryBudget);
    return new ImageBuild(draft.plan(), options, infos::add, warnings::add).run();
  }

  private BaseSource distroless() {
    return BaseSource.parse("oci:" + StandInBases.ociLayout("jre-distroless"), "runtimeImage", dir);
  }

  private static JsonNode report(Path outputDirectory) throws IOException {
    return JSON.readTree(outputDirectory.resolve("report.json").toFile());
  }

}
