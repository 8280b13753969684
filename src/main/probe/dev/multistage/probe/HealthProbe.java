package dev.multistage.probe;

import java.net.HttpURLConnection;
import java.net.URL;

/**
 * The HEALTHCHECK command for images whose base has no wget: run by the image's own java, needs only java.base.
 * Compiled for Java 8 so it runs on any runtime the image may hold. Exit 0 when the URL answers 2xx/3xx.
 */
public final class HealthProbe {
  private HealthProbe() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: HealthProbe <url>");
      System.exit(2);
    }
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(args[0]).openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(5000);
      c.setInstanceFollowRedirects(false);
      int status = c.getResponseCode();
      c.disconnect();
      if (status >= 200 && status < 400) {
        System.exit(0);
      }
      System.err.println("unhealthy: HTTP " + status + " from " + args[0]);
    } catch (Exception e) {
      System.err.println("unhealthy: " + e);
    }
    System.exit(1);
  }
}
