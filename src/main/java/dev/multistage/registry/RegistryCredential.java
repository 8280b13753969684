package dev.multistage.registry;

import java.util.Objects;

/** A username and password (or token) for one registry. Its {@link #toString()} never shows the password. */
public record RegistryCredential(String username, String password) {

  public RegistryCredential {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "RegistryCredential[username=" + username + ", password=****]";
  }
}
