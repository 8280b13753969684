package com.example.inventory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;

@Path("/items")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {
  public record Item(String sku, String name, int stock, BigDecimal price) {
  }

  static final List<Item> ITEMS = List.of(
      new Item("KB-101", "Keyboard", 42, new BigDecimal("49.90")),
      new Item("MS-202", "Mouse", 7, new BigDecimal("19.50")));

  @GET
  public List<Item> all() {
    return ITEMS;
  }

  @GET
  @Path("/{sku}")
  public Item one(@PathParam("sku") String sku) {
    return ITEMS.stream().filter(i -> i.sku().equals(sku)).findFirst()
        .orElseThrow(() -> new NotFoundException(sku));
  }
}
