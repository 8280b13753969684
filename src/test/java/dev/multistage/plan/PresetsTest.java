package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The preset file as shipped, the platforms its pins offer, and how old they are. */
class PresetsTest {
  private static final Presets SHIPPED = Presets.load();
  private static final Platform ARM64 = Platform.parse("linux/arm64", "platforms");

  @Test
  void everyShippedPinRecordsItsDateSourceAndPlatformsAndOffersLinuxAmd64() {
    for (String name : SHIPPED.names()) {
      for (int feature : List.of(17, 21, 25)) {
        Presets.Preset preset = SHIPPED.preset(name, feature);
        for (String reference : List.of(preset.osBase(), preset.jreImage(), preset.builderImage())) {
          Presets.Pin pin = SHIPPED.pin(reference).orElseThrow(() -> new AssertionError(reference + " has no record"));
          assertTrue(reference.matches("[a-z0-9./-]+:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}"), reference);
          assertTrue(pin.source().startsWith("docker-library/repo-info repos/"), pin.source());
          assertTrue(pin.offers(Platform.LINUX_AMD64), pin.toString());
          assertFalse(pin.date().isAfter(LocalDate.now()), pin.toString());
        }
      }
    }
  }

  @Test
  void aPlatformThePresetLacksIsAnErrorNamingPresetPlatformAndAlternatives() {
    Presets.Preset alpine17 = SHIPPED.preset("alpine", 17);
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SHIPPED.requirePlatforms(
        alpine17, List.of(alpine17.runtimeImage(true), alpine17.jreImage(), alpine17.builderImage()), List.of(ARM64)));

    assertEquals("platforms", e.parameter());
    assertTrue(e.getMessage().contains("the alpine preset has no linux/arm64 image for Java 17"), e.getMessage());
    assertTrue(e.getMessage().contains("offers linux/amd64 only"), e.getMessage());
    assertTrue(e.getMessage().contains("<runtime>slim</runtime>"), e.getMessage());
  }

  @Test
  void arm64IsFineWhereThePresetHasIt() {
    Presets.Preset alpine21 = SHIPPED.preset("alpine", 21);
    assertDoesNotThrow(() -> SHIPPED.requirePlatforms(alpine21,
        List.of(alpine21.osBase(), alpine21.jreImage(), alpine21.builderImage()), List.of(ARM64)));
  }

  @Test
  void aVariantMustMatchWhenBothNameOne() {
    Presets.Pin pin = new Presets.Pin("k", "r", LocalDate.of(2026, 1, 1), List.of("linux/arm/v6"), "s");
    assertTrue(pin.offers(Platform.parse("linux/arm", "platforms")));
    assertFalse(pin.offers(Platform.parse("linux/arm/v7", "platforms")));
  }

  @Test
  void aPinOlderThanTheLimitIsNamedWithItsAgeAndRecord() {
    Presets presets = presets("2026-01-01");
    Optional<String> warning = PinAge.staleWarning(presets, List.of(REF, REF), LocalDate.of(2026, 4, 11), 90);

    assertTrue(warning.isPresent());
    assertTrue(warning.get().startsWith("Pinned base " + REF + " is 100 days old (docker-library/repo-info "
        + "repos/x/remote/1.md, 2026-01-01), older than pinMaxAgeDays=90"), warning.get());
    assertTrue(warning.get().contains("mvn multistage:pin"), warning.get());
  }

  @Test
  void aPinWithinTheLimitOrAZeroLimitOrAnUnrecordedPinGivesNoWarning() {
    Presets presets = presets("2026-01-01");
    assertEquals(Optional.empty(), PinAge.staleWarning(presets, List.of(REF), LocalDate.of(2026, 3, 1), 90));
    assertEquals(Optional.empty(), PinAge.staleWarning(presets, List.of(REF), LocalDate.of(2030, 1, 1), 0));
    assertEquals(Optional.empty(), PinAge.staleWarning(presets, List.of("other:1@sha256:" + "b".repeat(64)),
        LocalDate.of(2030, 1, 1), 90));
  }

  @Test
  void aNegativeLimitNamesPinMaxAgeDays() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> PinAge.staleWarning(presets("2026-01-01"), List.of(REF), LocalDate.of(2026, 1, 2), -1));
    assertEquals("pinMaxAgeDays", e.parameter());
  }

  private static final String REF = "x:1@sha256:" + "a".repeat(64);

  private static Presets presets(String date) {
    Properties p = new Properties();
    p.setProperty("t.runtime", REF);
    p.setProperty("t.runtime.date", date);
    p.setProperty("t.runtime.platforms", "linux/amd64");
    p.setProperty("t.runtime.source", "docker-library/repo-info repos/x/remote/1.md");
    return new Presets(p);
  }
}
