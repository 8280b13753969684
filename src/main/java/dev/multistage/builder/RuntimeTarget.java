package dev.multistage.builder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a Java runtime's native code is built for: OS, architecture (OCI names: {@code amd64}, {@code arm64})
 * and C library. Read from the runtime's own {@code bin/java}, since a linked runtime's {@code release} file may
 * not name its OS, architecture or libc (Debian's JDK 17 writes none of them).
 */
public record RuntimeTarget(String os, String arch, Libc libc) {

  /** The machine running this build. */
  public static RuntimeTarget host() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux") ? "linux"
        : System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return new RuntimeTarget(os, Jdk.arch(System.getProperty("os.arch")), Libc.ofHost());
  }

  /** The target of the runtime (a JDK or a jlinked image) at {@code home}. */
  public static RuntimeTarget of(Path home) {
    Path java = home.resolve("bin/java");
    if (!Files.isRegularFile(java)) {
      String os = Files.isRegularFile(home.resolve("bin/java.exe")) ? "windows" : "unknown (no bin/java)";
      return new RuntimeTarget(os, "unknown", Libc.GLIBC);
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(java)) {
      head = in.readNBytes(1 << 20); // the launcher is ~12 kB; its ELF interpreter path sits near the start
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ofExecutable(head);
  }

  /** The target of a native executable, from its ELF header and interpreter path. */
  static RuntimeTarget ofExecutable(byte[] head) {
    boolean elf = head.length > 20 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    if (!elf) {
      boolean machO = head.length > 4 && (head[0] & 0xff) == 0xcf && (head[1] & 0xff) == 0xfa;
      return new RuntimeTarget(machO ? "darwin" : "unknown (not an ELF executable)", "unknown", Libc.GLIBC);
    }
    boolean littleEndian = head[5] == 1;
    int low = littleEndian ? 18 : 19;
    int machine = (head[low] & 0xff) | (head[37 - low] & 0xff) << 8;
    String arch = switch (machine) {
      case 62 -> "amd64";
      case 183 -> "arm64";
      case 21 -> littleEndian ? "ppc64le" : "ppc64";
      case 22 -> "s390x";
      case 243 -> "riscv64";
      default -> "ELF machine " + machine;
    };
    // the loader path names the libc: /lib/ld-musl-x86_64.so.1 vs /lib64/ld-linux-x86-64.so.2
    boolean musl = new String(head, StandardCharsets.ISO_8859_1).contains("/ld-musl-");
    return new RuntimeTarget("linux", arch, musl ? Libc.MUSL : Libc.GLIBC);
  }

  /** Why a runtime for this target cannot run on {@code host}, or empty when it can. */
  public Optional<String> whyNotRunnableOn(RuntimeTarget host) {
    if (!os.equals(host.os) || !arch.equals(host.arch)) {
      return Optional.of("the runtime is for " + os + "/" + arch + ", this machine is " + host.os + "/" + host.arch);
    }
    if (libc != host.libc) {
      return Optional.of("the runtime is built against " + name(libc) + ", this machine has " + name(host.libc));
    }
    return Optional.empty();
  }

  private static String name(Libc libc) {
    return libc == Libc.MUSL ? "musl" : "glibc";
  }

  @Override
  public String toString() {
    return os + "/" + arch + " (" + name(libc) + ")";
  }
}
