package dev.multistage.builder;

/** The C library a Java runtime is built against; a runtime only runs on a base with the same one. */
public enum Libc {
  GLIBC, MUSL;

  /** The C library of the machine running the build. */
  public static Libc ofHost() {
    boolean musl = java.nio.file.Files.exists(java.nio.file.Path.of("/lib/ld-musl-x86_64.so.1"))
        || java.nio.file.Files.exists(java.nio.file.Path.of("/lib/ld-musl-aarch64.so.1"));
    return musl ? MUSL : GLIBC;
  }
}
