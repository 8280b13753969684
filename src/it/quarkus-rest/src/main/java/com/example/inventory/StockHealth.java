package com.example.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A readiness check of the app's own, so /q/health reports more than an empty list. */
@Readiness
@ApplicationScoped
public class StockHealth implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("stock").status(!InventoryResource.ITEMS.isEmpty())
        .withData("items", InventoryResource.ITEMS.size()).build();
  }
}
