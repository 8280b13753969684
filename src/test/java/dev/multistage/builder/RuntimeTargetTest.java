package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeTargetTest {
  private static final RuntimeTarget GLIBC_AMD64 = new RuntimeTarget("linux", "amd64", Libc.GLIBC);

  @Test
  void readsArchitectureAndLibcFromTheLaunchersElfHeader() {
    assertEquals(new RuntimeTarget("linux", "amd64", Libc.MUSL), RuntimeTarget.ofExecutable(elf(62,
        "/lib/ld-musl-x86_64.so.1")));
    assertEquals(new RuntimeTarget("linux", "arm64", Libc.GLIBC), RuntimeTarget.ofExecutable(elf(183,
        "/lib/ld-linux-aarch64.so.1")));
    assertEquals(GLIBC_AMD64, RuntimeTarget.ofExecutable(elf(62, "/lib64/ld-linux-x86-64.so.2")));
  }

  @Test
  void theRunningJdkMatchesThisMachine() {
    RuntimeTarget host = RuntimeTarget.host();

    assertEquals(host, RuntimeTarget.of(Path.of(System.getProperty("java.home"))));
    assertEquals(Optional.empty(), RuntimeTarget.of(Path.of(System.getProperty("java.home"))).whyNotRunnableOn(host));
  }

  @Test
  void aMuslRuntimeDoesNotRunOnGlibcNorTheOtherWayRound() {
    RuntimeTarget musl = new RuntimeTarget("linux", "amd64", Libc.MUSL);

    assertEquals(Optional.of("the runtime is built against musl, this machine has glibc"),
        musl.whyNotRunnableOn(GLIBC_AMD64));
    assertEquals(Optional.of("the runtime is built against glibc, this machine has musl"),
        GLIBC_AMD64.whyNotRunnableOn(musl));
  }

  @Test
  void anotherArchitectureOrOsDoesNotRun() {
    assertEquals(Optional.of("the runtime is for linux/arm64, this machine is linux/amd64"),
        new RuntimeTarget("linux", "arm64", Libc.GLIBC).whyNotRunnableOn(GLIBC_AMD64));
    assertTrue(RuntimeTarget.of(Path.of("/nonexistent")).whyNotRunnableOn(GLIBC_AMD64).isPresent());
  }

  /** The first bytes of a 64-bit little-endian ELF executable for {@code machine} with that loader path. */
  private static byte[] elf(int machine, String interpreter) {
    byte[] head = new byte[64 + interpreter.length()];
    head[0] = 0x7f;
    head[1] = 'E';
    head[2] = 'L';
    head[3] = 'F';
    head[4] = 2;
    head[5] = 1;
    head[18] = (byte) machine;
    byte[] path = interpreter.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(path, 0, head, 64, path.length);
    return head;
  }
}
