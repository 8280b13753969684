package dev.multistage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistryConnectionTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void retryAfterInSecondsIsHonoured() {
    assertEquals(7_000, RegistryConnection.retryAfterMillis("7", NOW));
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    assertEquals(30_000, RegistryConnection.retryAfterMillis("Thu, 01 Jan 2026 00:00:30 GMT", NOW));
  }

  @Test
  void retryAfterIsCappedAndIgnoredWhenUnreadable() {
    assertEquals(RegistryConnection.MAX_RETRY_AFTER_MILLIS, RegistryConnection.retryAfterMillis("86400", NOW));
    assertEquals(0, RegistryConnection.retryAfterMillis("soon", NOW));
    assertEquals(0, RegistryConnection.retryAfterMillis(null, NOW));
  }

  @Test
  void connectionResetIsRetriedButRefusedIsNot() {
    assertTrue(RegistryConnection.isTransient(new IOException(new SocketException("Connection reset"))));
    assertFalse(RegistryConnection.isTransient(new IOException(new ConnectException("Connection refused"))));
  }
}
