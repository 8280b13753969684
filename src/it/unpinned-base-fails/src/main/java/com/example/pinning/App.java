package com.example.pinning;

public final class App {
  public static void main(String[] args) {
    System.out.println("never built into an image");
  }
}
