package com.example.snap;

public final class Banner {
  private Banner() {}

  public static String of(String text) {
    return "*** " + text + " ***";
  }
}
