package dev.multistage.plan;

import java.util.List;

/**
 * How the application starts in the image.
 *
 * @param javaHome where the Java runtime lives in the image
 * @param mainClass the class to run; empty when the user's entrypoint starts the application
 * @param classpath the application's class path in the image, in order
 */
public record Launch(String javaHome, String mainClass, List<String> classpath, List<String> jvmFlags,
    List<String> args) {

  public Launch {
    classpath = List.copyOf(classpath);
    jvmFlags = List.copyOf(jvmFlags);
    args = List.copyOf(args);
    if (!javaHome.startsWith("/")) {
      throw new InvalidParameterException("javaHome", "'" + javaHome + "' is not an absolute path.",
          "set an absolute path in the image such as /opt/java/openjdk.");
    }
  }
}
