package dev.multistage.check;

/**
 * What one rule found in one image.
 *
 * @param message what was found, naming the file, variable or setting
 * @param location where: an absolute path in the image ({@code /usr/bin/javac}) or a config field
 *     ({@code config.Env.DB_PASSWORD}, {@code config.User})
 */
public record Finding(Rule rule, String message, String location) {

  /** A finding about a config field, such as {@code User} or {@code Healthcheck}. */
  static Finding config(Rule rule, String field, String message) {
    return new Finding(rule, message, "config." + field);
  }
}
