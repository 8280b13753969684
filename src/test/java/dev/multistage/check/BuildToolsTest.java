package dev.multistage.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.testing.TestTars;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildToolsTest {
  @TempDir Path dir;

  @Test
  void javacAndJarInTheRuntimeAreBuildToolsNamedInOneFindingPerDirectory() throws Exception {
    List<Finding> found = SeededImage.clean(dir).layer(TestTars.layer()
        .file("opt/java/openjdk/bin/javac", "ELF", 0755, 0)
        .file("opt/java/openjdk/bin/jar", "ELF", 0755, 0)).findings();

    assertEquals(List.of(Rule.BUILD_TOOLS), found.stream().map(Finding::rule).toList());
    assertEquals("/opt/java/openjdk/bin", found.get(0).location());
    assertTrue(found.get(0).message().startsWith("jar, javac in /opt/java/openjdk/bin"), found.get(0).message());
  }

  @Test
  void jmodsCompilersMakeAndBuildToolsAreFound() throws Exception {
    List<Finding> found = SeededImage.clean(dir).layer(TestTars.layer()
        .file("opt/java/openjdk/jmods/java.base.jmod", "JM", 0644, 0)
        .file("usr/bin/x86_64-linux-gnu-gcc-12", "ELF", 0755, 0)
        .symlink("usr/bin/cc", "x86_64-linux-gnu-gcc-12")
        .file("usr/bin/make", "ELF", 0755, 0)
        .file("usr/share/maven/bin/mvn", "#!/bin/sh", 0755, 0)
        .file("app/gradlew", "#!/bin/sh", 0755, 0)).findings();

    assertEquals(Set.of(Rule.BUILD_TOOLS), Set.copyOf(found.stream().map(Finding::rule).toList()));
    assertEquals(List.of("/app", "/opt/java/openjdk/jmods", "/usr/bin", "/usr/share/maven/bin"),
        found.stream().map(Finding::location).sorted().toList());
    assertTrue(found.stream().anyMatch(f -> f.message().startsWith("cc, make, x86_64-linux-gnu-gcc-12 in /usr/bin")),
        found.toString());
  }

  @Test
  void packageManagerListsAndBuildCachesArePackageCaches() throws Exception {
    List<Finding> found = SeededImage.clean(dir).layer(TestTars.layer()
        .file("var/lib/apt/lists/deb.debian.org_debian_dists_trixie_InRelease", "x")
        .file("root/.m2/repository/org/example/a/1/a-1.jar", "PK")
        .file("home/app/.gradle/caches/modules-2/x.bin", "x")).findings();

    assertEquals(Set.of(Rule.PACKAGE_CACHE), Set.copyOf(found.stream().map(Finding::rule).toList()));
    assertEquals(List.of("/home/app/.gradle", "/root/.m2", "/var/lib/apt/lists"),
        found.stream().map(Finding::location).sorted().toList());
  }

  @Test
  void anEmptiedAptCacheWithItsLockAndPartialDirectoryIsClean() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir).layer(TestTars.layer()
        .file("var/lib/apt/lists/lock", "")
        .dir("var/lib/apt/lists/partial", 0700, 0)
        .file("var/cache/apt/archives/lock", "")
        .file("var/cache/apt/archives/partial/half.deb", "")).rules());
  }

  @Test
  void aCacheALaterLayerDeletesIsGone() throws Exception {
    assertEquals(Set.of(), SeededImage.clean(dir)
        .layer(TestTars.layer().file("var/cache/apk/APKINDEX.tar.gz", "x"))
        .layer(TestTars.layer().opaque("var/cache/apk")).rules());
  }
}
