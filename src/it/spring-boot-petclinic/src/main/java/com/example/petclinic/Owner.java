package com.example.petclinic;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;

@Entity
public class Owner {
  @Id
  @GeneratedValue
  private Integer id;

  @NotBlank
  private String firstName;

  @NotBlank
  private String lastName;

  @Pattern(regexp = "\\d{10}")
  private String telephone;

  private LocalDate since;

  protected Owner() {
  }

  public Owner(String firstName, String lastName, String telephone, LocalDate since) {
    this.firstName = firstName;
    this.lastName = lastName;
    this.telephone = telephone;
    this.since = since;
  }

  public Integer getId() { return id; }
  public String getFirstName() { return firstName; }
  public String getLastName() { return lastName; }
  public String getTelephone() { return telephone; }
  public LocalDate getSince() { return since; }
}
