package dev.multistage.maven;

import java.util.List;

/**
 * The {@code <check>} parameter of the {@code check} goal. Every field but {@code suppressions} may also be given as
 * a user property ({@code multistage.check.failOn}, …), which on the command line wins over the pom.
 */
public class Check {
  /**
   * The image to check instead of the one the image goal built: {@code registry/repository[:tag][@sha256:…]},
   * {@code tar:file} (docker-archive) or {@code oci:directory[:name]} (OCI layout).
   */
  String image;
  /**
   * The lowest severity that fails the build: {@code low}, {@code medium}, {@code high} (default) or
   * {@code critical}; {@code none} reports without failing.
   */
  String failOn;
  /** Rule ids not to run, comma-separated ({@code setuid-file,world-writable}). */
  String skip;
  /** Rules whose findings are accepted, each with the reason the outputs show. */
  List<Suppression> suppressions;
}
