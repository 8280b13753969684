package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuntimePlanTest {
  @Test
  void jlinkFromBuilderImageLinksOnlyFromTheBuilderImagesJmods() {
    assertTrue(RuntimePlan.fromBuilderImageOnly(" builderImage "));
    assertFalse(RuntimePlan.fromBuilderImageOnly("auto"));
  }

  @Test
  void anyOtherJlinkFromIsAMistakeNamingTheChoices() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> RuntimePlan.fromBuilderImageOnly("jdk"));
    assertEquals("jlinkFrom", e.parameter());
    assertTrue(e.fix().contains("builderImage"), e.fix());
  }
}
