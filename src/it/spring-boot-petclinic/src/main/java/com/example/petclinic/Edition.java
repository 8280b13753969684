package com.example.petclinic;

/** The one class the analysis-cache rebuild changes (see the IT's invoker.properties). */
final class Edition {
  static final String NAME = "first build";

  private Edition() {
  }
}
