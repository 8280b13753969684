package dev.multistage.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pinned base images behind {@code runtime=alpine|slim}, per Java feature version, from {@code presets.properties}
 * (one reviewable file: each digest with the tag it was taken from).
 */
public final class Presets {
  private final Properties properties;

  private Presets(Properties properties) {
    this.properties = properties;
  }

  public static Presets load() {
    Properties p = new Properties();
    try (InputStream in = Presets.class.getResourceAsStream("presets.properties")) {
      if (in == null) {
        throw new IllegalStateException("the plugin jar lacks dev/multistage/plan/presets.properties");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Presets(p);
  }

  /** The bases of {@code runtime} for Java {@code feature}. */
  public Preset preset(String runtime, int feature) {
    String name = runtime == null ? "alpine" : runtime.trim();
    if (!properties.containsKey(name + ".runtime")) {
      throw new InvalidParameterException("runtime", "'" + runtime + "' is not a preset.", "use alpine or slim.");
    }
    if (!properties.containsKey(name + ".jdk." + feature)) {
      throw new InvalidParameterException("runtime", "the " + name + " preset has no Java " + feature
          + " images (it has Java " + String.join(", ", features(name)) + ").",
          "set <builderImage> and <runtimeImage> yourself, or build for a Java version the preset has.");
    }
    return new Preset(name, feature, properties.getProperty(name + ".runtime"),
        properties.getProperty(name + ".jre." + feature), properties.getProperty(name + ".jdk." + feature));
  }

  private Set<String> features(String name) {
    Set<String> out = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(name + ".jdk.")) {
        out.add(key.substring((name + ".jdk.").length()));
      }
    }
    return out;
  }

  /**
   * One preset for one Java version.
   *
   * @param osBase the bare OS base a jlinked runtime goes on
   * @param jreImage a base with a full JRE (the runtime base when jlink is off)
   * @param builderImage the JDK image whose jmods feed jlink, and the single-stage baseline
   */
  public record Preset(String name, int feature, String osBase, String jreImage, String builderImage) {
    public String runtimeImage(boolean jlink) {
      return jlink ? osBase : jreImage;
    }
  }
}
