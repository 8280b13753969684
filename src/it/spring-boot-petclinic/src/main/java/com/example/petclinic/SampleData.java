package com.example.petclinic;

import java.time.LocalDate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Inserts the sample owners through JPA; Hibernate Validator checks each one before the insert. */
@Component
class SampleData implements ApplicationRunner {
  private final OwnerRepository owners;

  SampleData(OwnerRepository owners) {
    this.owners = owners;
  }

  @Override
  public void run(ApplicationArguments args) {
    owners.save(new Owner("George", "Franklin", "6085551023", LocalDate.of(2019, 12, 24)));
    owners.save(new Owner("Betty", "Davis", "6085551749", LocalDate.of(2021, 3, 1)));
    owners.save(new Owner("Harold", "Davis", "6085553198", LocalDate.of(2023, 5, 17)));
  }
}
