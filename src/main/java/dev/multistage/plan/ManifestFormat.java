package dev.multistage.plan;

import java.util.Locale;

/** The manifest family the user asked for: Docker v2.2 keeps HEALTHCHECK, OCI consumers drop it. */
public enum ManifestFormat {
  DOCKER, OCI;

  public static ManifestFormat parse(String value, String parameter) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(parameter, "'" + value + "' is not a format.", "use docker or oci.");
    }
  }
}
