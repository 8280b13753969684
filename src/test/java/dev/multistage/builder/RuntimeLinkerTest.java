package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeLinkerTest {
  @TempDir Path cache;

  @Test
  void aCachedRuntimeWithATruncatedFileIsNamedRemovedAndLinkedAgain() throws IOException {
    Jdk jdk = Jdk.current().orElseThrow();
    ModuleSet modules = new ModuleSet(Map.of("java.base", Set.of("always")));
    RuntimeLinker.LinkedRuntime first = RuntimeLinker.link(jdk, Optional.empty(), "", modules, cache);
    Path lib = first.directory().resolve("lib/modules");
    long size = Files.size(lib);
    assertTrue(RuntimeLinker.link(jdk, Optional.empty(), "", modules, cache).reused(), "intact: reused");
    try (FileChannel channel = FileChannel.open(lib, StandardOpenOption.WRITE)) {
      channel.truncate(1024);
    }

    RuntimeLinker.LinkedRuntime again = RuntimeLinker.link(jdk, Optional.empty(), "", modules, cache);

    assertFalse(again.reused());
    assertTrue(again.repaired().orElseThrow().startsWith("runtime/lib/modules is 1024 bytes"),
        again.repaired().toString());
    assertEquals(size, Files.size(again.directory().resolve("lib/modules")));
  }
}
