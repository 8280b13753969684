package com.example.fleet.gamma;

/** One of the fleet's services; it only has to exist to be packaged. */
public final class GammaService {
  private GammaService() {}

  public static void main(String[] args) {
    System.out.println("gamma up");
  }
}
