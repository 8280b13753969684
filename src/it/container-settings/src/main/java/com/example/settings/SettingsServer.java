package com.example.settings;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Reports what the container gives it: an environment variable, an extra file and its mode, the working directory. */
public final class SettingsServer {
  private static final Path SETTINGS = Path.of("/app/config/settings.properties");

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(8093), 0);
    server.createContext("/health", exchange -> reply(exchange, "UP"));
    server.createContext("/settings", exchange -> reply(exchange, settings()));
    server.start();
    System.out.println("settings listening on 8093");
  }

  private static String settings() throws IOException {
    return "APP_MODE=" + System.getenv("APP_MODE") + "\n"
        + "file=" + Files.readString(SETTINGS).trim() + "\n"
        + "mode=" + PosixFilePermissions.toString(Files.getPosixFilePermissions(SETTINGS)) + "\n"
        + "cwd=" + System.getProperty("user.dir") + "\n";
  }

  private static void reply(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
