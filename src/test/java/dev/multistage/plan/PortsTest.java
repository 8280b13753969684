package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void readsPlainAndTcpSuffixedPortsInTheOrderListed() {
    assertEquals(List.of(8080, 9090, 1), Ports.parse(List.of("8080", "9090/tcp", "1")));
    assertEquals(List.of(), Ports.parse(List.of()));
  }

  @Test
  void rejectsAnythingButATcpPortNamingTheParameterAndTheFix() {
    for (String wrong : List.of("0", "65536", "http", "53/udp", "-1", "123456")) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Ports.parse(List.of(wrong)));
      assertEquals("ports", e.parameter());
      assertTrue(e.getMessage().contains("'" + wrong + "' is not a TCP port."), e.getMessage());
      assertTrue(e.fix().contains("1-65535"), e.fix());
    }
  }

  @Test
  void acceptsTheHighestPort() {
    assertEquals(List.of(65535), Ports.parse(List.of("65535/tcp")));
  }
}
