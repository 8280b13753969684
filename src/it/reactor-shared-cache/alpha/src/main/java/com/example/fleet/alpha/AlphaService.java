package com.example.fleet.alpha;

/** One of the fleet's services; it only has to exist to be packaged. */
public final class AlphaService {
  private AlphaService() {}

  public static void main(String[] args) {
    System.out.println("alpha up");
  }
}
