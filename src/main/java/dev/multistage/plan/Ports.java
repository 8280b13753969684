package dev.multistage.plan;

import java.util.ArrayList;
import java.util.List;

/** The TCP ports the image exposes, as the user lists them: {@code 8080} or {@code 8080/tcp}. */
public final class Ports {
  private Ports() {}

  /** The port numbers in the order listed; anything but a TCP port 1-65535 is the user's mistake. */
  public static List<Integer> parse(List<String> entries) {
    List<Integer> ports = new ArrayList<>();
    for (String p : entries) {
      String number = p.endsWith("/tcp") ? p.substring(0, p.length() - 4) : p;
      if (!number.matches("\\d{1,5}") || Integer.parseInt(number) < 1 || Integer.parseInt(number) > 65535) {
        throw new InvalidParameterException("ports", "'" + p + "' is not a TCP port.",
            "use numbers 1-65535, e.g. 8080.");
      }
      ports.add(Integer.parseInt(number));
    }
    return List.copyOf(ports);
  }
}
