package dev.multistage.plan;

/** The Java feature version (17, 21, …) the application is compiled for, which picks the runtime's version. */
public final class JavaFeature {
  private JavaFeature() {}

  /**
   * {@code maven.compiler.release}, else {@code maven.compiler.target} ({@code 1.8} is 8), else the build JDK's;
   * a value that is no version (empty, an unresolved {@code ${…}}) is skipped.
   */
  public static int of(String release, String target, int buildJdkFeature) {
    for (String v : new String[] {release, target}) {
      String t = v.trim();
      if (t.matches("(1\\.)?\\d+")) {
        return Integer.parseInt(t.startsWith("1.") ? t.substring(2) : t);
      }
    }
    return buildJdkFeature;
  }
}
