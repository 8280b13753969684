package com.example.greeter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public final class Greeter {
  public static void main(String[] args) throws IOException {
    String greeting;
    try (InputStream in = Greeter.class.getResourceAsStream("/greeting.txt")) {
      greeting = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(8081), 0);
    server.createContext("/health", exchange -> reply(exchange, "UP"));
    server.createContext("/greeting", exchange -> reply(exchange, greeting));
    server.start();
    System.out.println("greeter listening on 8081");
  }

  private static void reply(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
