package dev.multistage.report;

import dev.multistage.builder.ModuleSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Small size reports made by hand, so each renderer is tested without a registry, a JDK link or runc. */
final class Reports {
  static final String DIGEST = "sha256:" + "a".repeat(64);
  static final String ID = "sha256:" + "c".repeat(64);

  private Reports() {}

  static SizeReport.LayerRow layer(String name, long compressed, boolean reused) {
    return new SizeReport.LayerRow(name, 3, compressed, compressed * 3, "sha256:" + name.charAt(0) + "0".repeat(63),
        reused);
  }

  static ContainerSection plainContainer() {
    return new ContainerSection(List.of("java", "-cp", "/app/classes", "Main"), false, List.of(), "/app", Map.of(),
        List.of(), Map.of(), 0);
  }

  /** Two layers, no runtime, no baseline: the least a report holds. */
  static SizeReport minimal() {
    return new SizeReport("example.com/hello:1", DIGEST, ID, "linux/amd64", "1001:1001", "base@sha256:b",
        Optional.empty(), List.of(), Optional.empty(),
        List.of(layer("base", 5_000_000, true), layer("classes", 1_800, false)), 5_002_300, 15_005_400,
        new Baseline.None(), List.of(), plainContainer());
  }

  /** Everything present: linked runtime, measured baseline, two platforms, user settings (one with a pipe). */
  static SizeReport full() {
    ModuleSet modules = new ModuleSet(Map.of("java.base", Set.of("always"),
        "java.sql", Set.of("uses in app.jar", "addModules")));
    ContainerSection container = new ContainerSection(List.of("/bin/sh", "-c", "a|b"), true, List.of("--port", "80"),
        "/srv", Map.of("MODE", "prod"), List.of("/data"), Map.of("team", "<core>"), 2);
    SizeReport one = new SizeReport("example.com/hello:1", DIGEST, ID, "linux/amd64", "1001:1001", "base@sha256:b",
        Optional.of("jdk@sha256:j"), List.of("CMD", "/probe"),
        Optional.of(new RuntimeModules("jmods of jdk@sha256:j", Optional.of("jdk@sha256:j"), modules)),
        List.of(layer("base", 5_000_000, true), layer("runtime", 16_300_000, false), layer("classes", 1_800, false)),
        21_302_300, 63_905_400,
        new Baseline.Measured("jdk:17", "sha256:" + "d".repeat(64), 140_000_000, OptionalLong.empty(), 1_800, 5_400),
        List.of(), container);
    SizeReport arm = new SizeReport("example.com/hello:1", "sha256:" + "e".repeat(64), ID, "linux/arm64", "1001:1001",
        "base@sha256:b", Optional.empty(), List.of(), Optional.empty(), List.of(), 20_000_000, 60_000_000,
        new Baseline.None(), List.of(), container);
    return one.withPlatforms("sha256:" + "f".repeat(64), List.of(one, arm));
  }

  /** A baseline that could not be read, with its reason. */
  static SizeReport unavailableBaseline() {
    SizeReport m = minimal();
    return new SizeReport(m.reference(), m.digest(), m.imageId(), m.platform(), m.user(), m.runtimeBase(),
        m.builderBase(), m.healthcheck(), m.runtime(), m.layers(), m.compressedBytes(), m.uncompressedBytes(),
        new Baseline.Unavailable("jdk:17", "registry.example: connection refused"), m.platforms(), m.container());
  }

  /** {@link #minimal()} against a measured baseline of {@code baseCompressed} bytes plus its app layers. */
  static SizeReport against(long baseCompressed) {
    SizeReport m = minimal();
    return new SizeReport(m.reference(), m.digest(), m.imageId(), m.platform(), m.user(), m.runtimeBase(),
        m.builderBase(), m.healthcheck(), m.runtime(), m.layers(), m.compressedBytes(), m.uncompressedBytes(),
        new Baseline.Measured("jdk:17", "sha256:" + "d".repeat(64), baseCompressed, OptionalLong.of(baseCompressed * 2),
            1_800, 5_400), m.platforms(), m.container());
  }

  /** A check with a failing, an open and a suppressed finding. */
  static CheckSection failedCheck() {
    return new CheckSection("example.com/hello:1", "2 findings (1 high, 1 medium), 1 suppressed; fails on high and "
        + "above", false, List.of(
        new CheckSection.Row("high", "build-tools", "linux/amd64", "/opt/java/openjdk/bin", "javac in "
            + "/opt/java/openjdk/bin.", "leave the builder's tools in the builder stage.", Optional.empty(), true),
        new CheckSection.Row("medium", "world-writable", "linux/amd64", "/srv", "/srv is writable by any user.",
            "chmod o-w.", Optional.empty(), false),
        new CheckSection.Row("high", "setuid-file", "linux/amd64", "/usr/bin/su", "/usr/bin/su is setuid.",
            "remove it.", Optional.of("runs with <no-new-privileges>"), false)));
  }

  /** A check that found nothing. */
  static CheckSection passedCheck() {
    return new CheckSection("example.com/hello:1", "0 findings; fails on high and above", true, List.of());
  }
}
