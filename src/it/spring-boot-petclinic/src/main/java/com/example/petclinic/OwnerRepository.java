package com.example.petclinic;

import java.util.List;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OwnerRepository extends JpaRepository<Owner, Integer> {
  @Query("select o from Owner o where o.lastName like concat(:prefix, '%') order by o.lastName, o.firstName")
  @Cacheable("owners")
  List<Owner> findByLastNamePrefix(String prefix);
}
