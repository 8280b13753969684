package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthcheckSettingsTest {
  private static final HealthcheckSettings UNSET = HealthcheckSettings.unset();

  private static HealthcheckSettings with(String enabled, String command, String path, String retries) {
    return new HealthcheckSettings(Optional.ofNullable(enabled), Optional.ofNullable(command),
        Optional.ofNullable(path), Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(retries));
  }

  @Test
  void probesTheFrameworksHealthPathOnTheFirstPortWithDockerLikeDefaults() {
    HealthcheckSpec spec = UNSET.resolve(List.of(8080, 9090), "/actuator/health");

    assertEquals("http://127.0.0.1:8080/actuator/health", spec.url());
    assertEquals(List.of(), spec.command());
    assertEquals(Duration.ofSeconds(30), spec.interval());
    assertEquals(Duration.ofSeconds(3), spec.timeout());
    assertEquals(Duration.ofSeconds(10), spec.startPeriod());
    assertEquals(3, spec.retries());
  }

  @Test
  void theUsersPathIntervalAndRetriesWinOverTheDefaults() {
    HealthcheckSettings settings = new HealthcheckSettings(Optional.empty(), Optional.empty(), Optional.of("/ready"),
        Optional.of("1m30s"), Optional.of("500ms"), Optional.of("2s"), Optional.of(" 5 "));

    HealthcheckSpec spec = settings.resolve(List.of(8080), "/health");

    assertEquals("/ready", spec.path());
    assertEquals(Duration.ofSeconds(90), spec.interval());
    assertEquals(Duration.ofMillis(500), spec.timeout());
    assertEquals(Duration.ofSeconds(2), spec.startPeriod());
    assertEquals(5, spec.retries());
  }

  @Test
  void enabledFalseInAnyCaseRemovesTheHealthcheckEvenWithoutPorts() {
    assertFalse(with("FALSE", null, null, null).resolve(List.of(), "/health").enabled());
    assertEquals(HealthcheckSpec.disabled(), with("false", null, null, "x").resolve(List.of(), "/health"));
  }

  @Test
  void aCommandNeedsNoPortAndIsTrimmed() {
    HealthcheckSpec spec = with(null, "  /app/probe --quick ", null, null).resolve(List.of(), "/health");

    assertEquals(List.of("/app/probe --quick"), spec.command());
    assertEquals(0, spec.port());
  }

  @Test
  void theHttpProbeWithoutAPortIsTheUsersMistakeAboutPorts() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> with(null, " ", null, null).resolve(List.of(), "/health"));
    assertEquals("ports", e.parameter());
  }

  @Test
  void retriesThatAreNoNumberNameTheField() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> with(null, null, null, "three").resolve(List.of(8080), "/health"));
    assertEquals("healthcheck.retries", e.parameter());
  }

  @Test
  void aDurationThatIsNoDurationNamesItsField() {
    HealthcheckSettings settings = new HealthcheckSettings(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of("3 seconds"), Optional.empty(), Optional.empty());
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> settings.resolve(List.of(8080), "/health"));
    assertEquals("healthcheck.timeout", e.parameter());
  }
}
