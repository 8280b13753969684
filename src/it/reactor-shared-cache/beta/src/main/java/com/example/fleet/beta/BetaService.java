package com.example.fleet.beta;

/** One of the fleet's services; it only has to exist to be packaged. */
public final class BetaService {
  private BetaService() {}

  public static void main(String[] args) {
    System.out.println("beta up");
  }
}
