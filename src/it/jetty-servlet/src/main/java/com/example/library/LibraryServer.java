package com.example.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

/** Embedded Jetty 12 with two servlets: the book list as JSON and a health endpoint. */
public final class LibraryServer {
  record Book(String isbn, String title, String author, int year) {
  }

  static final List<Book> BOOKS = List.of(
      new Book("978-0134685991", "Effective Java", "Joshua Bloch", 2018),
      new Book("978-0321349606", "Java Concurrency in Practice", "Brian Goetz", 2006));

  static final ObjectMapper JSON = new ObjectMapper();

  public static final class BooksServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("application/json");
      resp.setCharacterEncoding("UTF-8");
      JSON.writeValue(resp.getOutputStream(), Map.of("count", BOOKS.size(), "books", BOOKS,
          "servletContainer", req.getServletContext().getServerInfo()));
    }
  }

  public static final class HealthServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("application/json");
      resp.getWriter().write("{\"status\":\"UP\"}");
    }
  }

  private LibraryServer() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getProperty("port", "8095"));
    Server server = new Server(port);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(BooksServlet.class, "/books");
    context.addServlet(HealthServlet.class, "/health");
    server.setHandler(context);
    server.start();
    server.join();
  }
}
