package com.example.vault;

/** Stands in for a service: the IT is about how the image gets its credentials, not what it runs. */
public final class VaultService {
  private VaultService() {}

  public static void main(String[] args) {
    System.out.println("vault up");
  }
}
