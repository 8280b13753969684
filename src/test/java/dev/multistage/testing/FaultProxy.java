package dev.multistage.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A loopback proxy in front of a real registry that injects what registries and networks really do on a bad
 * minute: HTTP 500s, 429s with {@code Retry-After}, connection resets (before the answer, or mid-body), refusals
 * (nothing listening on the port), slow bodies and hangs. Every fault is bounded in time ({@link #hangLimit}, the
 * outage's length), and {@link #close()} ends them all.
 *
 * <p>It serves one request per connection (it asks the registry to close after each answer, and the client sees that
 * in the answer), so a fault applies to exactly one request. A connection that starts with a TLS record (a client
 * trying HTTPS first before falling back to plain HTTP) is passed through untouched.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(registry.hostPort())) {
 *   proxy.failNext(3, FaultProxy.Fault.ERROR_500);
 *   proxy.outage(Duration.ofSeconds(20), FaultProxy.Fault.REFUSE);
 *   push(proxy.hostPort() + "/app");
 * }
 * }</pre>
 *
 * For the invoker ITs it runs as a process too: see {@link #main}.
 */
public final class FaultProxy implements AutoCloseable {

  /** What a request meets. */
  public enum Fault {
    /** {@code 500 Internal Server Error}, after reading the request. */
    ERROR_500,
    /** {@code 429 Too Many Requests} with {@code Retry-After: 1}. */
    TOO_MANY_REQUESTS,
    /** The connection is reset (RST) after half the request body, before any answer. */
    RESET,
    /** The registry's answer is passed on up to half its bytes, then the connection is reset. */
    RESET_MID_BODY,
    /** The registry's answer comes a little at a time (1 KiB every 50 ms) for up to two seconds, then the rest. */
    SLOW_BODY,
    /** The request is read and never answered, until the client gives up or {@link #hangLimit} has passed. */
    HANG,
    /** Nothing listens on the port: connections are refused. Only as an {@link #outage}. */
    REFUSE
  }

  private static final int SLOW_CHUNK = 1024;
  private static final long SLOW_PAUSE_MILLIS = 50;
  private static final long SLOW_FOR_MILLIS = 2000;

  private final String upstreamHost;
  private final int upstreamPort;
  private final int port;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
  private final AtomicInteger requests = new AtomicInteger();
  private final Object schedule = new Object();
  private final List<Planned> planned = new ArrayList<>();
  private Fault outageFault;
  private long outageUntil;
  private double randomProbability;
  private List<Fault> randomFaults = List.of();
  private Random random = new Random(0);
  private volatile Duration hangLimit = Duration.ofSeconds(30);
  private volatile Consumer<String> log = line -> {};
  private volatile ServerSocket listener;
  private volatile long refusingUntil;
  private volatile boolean closed;

  private record Planned(Fault fault, Predicate<String> requestLine, AtomicInteger left) {}

  private FaultProxy(String upstream, int port) {
    int colon = upstream.lastIndexOf(':');
    this.upstreamHost = upstream.substring(0, colon);
    this.upstreamPort = Integer.parseInt(upstream.substring(colon + 1));
    this.port = port;
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicInteger());
    }
  }

  /** Listens on 127.0.0.1 and a free port, passing everything on to {@code upstream} ({@code host:port}). */
  public static FaultProxy start(String upstream) throws IOException {
    ServerSocket socket = bind(0);
    FaultProxy proxy = new FaultProxy(upstream, socket.getLocalPort());
    proxy.listener = socket;
    Thread accept = new Thread(proxy::acceptLoop, "fault-proxy-accept");
    accept.setDaemon(true);
    accept.start();
    return proxy;
  }

  /** {@code 127.0.0.1:<port>}: the registry address to give the client. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Where each request and each fault is reported, one line each. */
  public FaultProxy logTo(Consumer<String> log) {
    this.log = log;
    return this;
  }

  /** How long a {@link Fault#HANG} lasts at most (the client's read timeout normally ends it sooner). */
  public FaultProxy hangLimit(Duration limit) {
    this.hangLimit = limit;
    return this;
  }

  /** The next {@code n} requests get {@code fault}. */
  public void failNext(int n, Fault fault) {
    failNext(n, fault, line -> true);
  }

  /** The next {@code n} requests whose request line ({@code PATCH /v2/app/blobs/uploads/… HTTP/1.1}) matches. */
  public void failNext(int n, Fault fault, Predicate<String> requestLine) {
    if (fault == Fault.REFUSE) {
      throw new IllegalArgumentException("refusals are outages: use outage(duration, REFUSE)");
    }
    synchronized (schedule) {
      planned.add(new Planned(fault, requestLine, new AtomicInteger(n)));
    }
  }

  /** From now on, for {@code length}, every request (every connection, for {@link Fault#REFUSE}) meets {@code fault}. */
  public void outage(Duration length, Fault fault) {
    long until = System.nanoTime() + length.toNanos();
    if (fault == Fault.REFUSE) {
      refusingUntil = until;
      injected.get(Fault.REFUSE).incrementAndGet();
      log.accept("fault-proxy: refusing connections for " + length.toMillis() + " ms");
      closeQuietly(listener); // the accept loop opens it again when the outage is over
      return;
    }
    synchronized (schedule) {
      outageFault = fault;
      outageUntil = until;
    }
  }

  /** Each request meets one of {@code faults} with {@code probability}, drawn from a generator seeded with {@code seed}. */
  public void random(double probability, long seed, List<Fault> faults) {
    if (faults.contains(Fault.REFUSE)) {
      throw new IllegalArgumentException("refusals are outages: use outage(duration, REFUSE)");
    }
    synchronized (schedule) {
      randomProbability = probability;
      randomFaults = List.copyOf(faults);
      random = new Random(seed);
    }
  }

  /** No more faults: planned, ongoing and random ones are dropped. */
  public void clear() {
    synchronized (schedule) {
      planned.clear();
      outageUntil = 0;
      randomProbability = 0;
    }
    refusingUntil = 0;
  }

  /** Requests seen (refused connections are not requests). */
  public int requests() {
    return requests.get();
  }

  /** How often {@code fault} was injected ({@link Fault#REFUSE}: how many outages). */
  public int injected(Fault fault) {
    return injected.get(fault).get();
  }

  /** Every fault injected so far, by kind. */
  public Map<Fault, Integer> injected() {
    Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
    injected.forEach((f, n) -> counts.put(f, n.get()));
    return counts;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    open.forEach(FaultProxy::closeQuietly);
    connections.shutdownNow();
    try {
      connections.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        long refusing = refusingUntil - System.nanoTime();
        if (refusing > 0) {
          closeQuietly(listener);
          Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(refusing) + 1, 100));
          continue;
        }
        if (listener.isClosed()) {
          listener = bind(port);
          log.accept("fault-proxy: listening again");
        }
        Socket client = listener.accept();
        connections.execute(() -> serve(client));
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        if (!closed && refusingUntil - System.nanoTime() <= 0 && !listener.isClosed()) {
          log.accept("fault-proxy: accept failed: " + e);
        }
      }
    }
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
    return socket;
  }

  private void serve(Socket client) {
    open.add(client);
    try (client) {
      client.setSoTimeout((int) Math.max(hangLimit.toMillis(), 60_000));
      InputStream in = client.getInputStream();
      int first = in.read();
      if (first < 0) {
        return;
      }
      if (first == 0x16) { // a TLS handshake: the client tries HTTPS first; let the registry answer it
        passThrough(client, first);
        return;
      }
      Request request = Request.read(first, in);
      requests.incrementAndGet();
      Fault fault = next(request.line);
      if (fault != null) {
        injected.get(fault).incrementAndGet();
        log.accept("fault-proxy: " + fault + " for " + request.line);
      }
      if (fault == null || fault == Fault.RESET_MID_BODY || fault == Fault.SLOW_BODY) {
        byte[] answer = forward(request, in);
        relay(client, answer, fault);
        return;
      }
      switch (fault) {
        case RESET -> {
          request.skipBody(in, 0.5);
          reset(client);
        }
        case ERROR_500 -> answer(client, request, in, "500 Internal Server Error", "");
        case TOO_MANY_REQUESTS -> answer(client, request, in, "429 Too Many Requests", "Retry-After: 1\r\n");
        case HANG -> {
          request.skipBody(in, 1.0);
          hang(client);
        }
        default -> throw new IllegalStateException(fault.toString());
      }
    } catch (IOException e) {
      // the client went away (a timeout, its own reset): nothing to answer
    } finally {
      open.remove(client);
    }
  }

  /** The fault for this request: an ongoing outage, then a planned one, then a random draw; null for none. */
  private Fault next(String requestLine) {
    synchronized (schedule) {
      if (outageUntil - System.nanoTime() > 0) {
        return outageFault;
      }
      for (Planned p : planned) {
        if (p.left.get() > 0 && p.requestLine.test(requestLine)) {
          p.left.decrementAndGet();
          return p.fault;
        }
      }
      if (randomProbability > 0 && random.nextDouble() < randomProbability) {
        return randomFaults.get(random.nextInt(randomFaults.size()));
      }
      return null;
    }
  }

  /** Sends the request to the registry, asking it to close afterwards, and returns its whole answer. */
  private byte[] forward(Request request, InputStream in) throws IOException {
    try (Socket upstream = new Socket(upstreamHost, upstreamPort)) {
      open.add(upstream);
      upstream.setSoTimeout(120_000);
      OutputStream out = upstream.getOutputStream();
      out.write(request.headWithConnectionClose());
      request.copyBody(in, out);
      out.flush();
      return upstream.getInputStream().readAllBytes();
    } finally {
      open.removeIf(c -> c instanceof Socket s && s.isClosed());
    }
  }

  private void relay(Socket client, byte[] answer, Fault fault) throws IOException {
    OutputStream out = client.getOutputStream();
    if (fault == Fault.RESET_MID_BODY) {
      out.write(answer, 0, Math.max(1, answer.length / 2));
      out.flush();
      reset(client);
      return;
    }
    if (fault == Fault.SLOW_BODY) {
      long slowUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLOW_FOR_MILLIS);
      int sent = 0;
      while (sent < answer.length && System.nanoTime() < slowUntil) {
        int n = Math.min(SLOW_CHUNK, answer.length - sent);
        out.write(answer, sent, n);
        out.flush();
        sent += n;
        pause(SLOW_PAUSE_MILLIS);
      }
      out.write(answer, sent, answer.length - sent);
    } else {
      out.write(answer);
    }
    out.flush();
    client.shutdownOutput();
  }

  private static void answer(Socket client, Request request, InputStream in, String status, String headers)
      throws IOException {
    request.skipBody(in, 1.0); // read it all, or closing would reset the connection instead of answering
    byte[] body = "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"injected by FaultProxy\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
        + "\r\n" + headers + "Connection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    client.shutdownOutput();
  }

  /** Says nothing until the client gives up (it closes, or resets) or the hang limit passes. */
  private void hang(Socket client) throws IOException {
    long until = System.nanoTime() + hangLimit.toNanos();
    client.setSoTimeout(200);
    InputStream in = client.getInputStream();
    while (!closed && System.nanoTime() < until) {
      try {
        if (in.read() < 0) {
          return;
        }
      } catch (java.net.SocketTimeoutException stillThere) {
        // keep hanging
      }
    }
  }

  private static void reset(Socket client) throws SocketException {
    client.setSoLinger(true, 0); // close() now sends RST, not FIN
    closeQuietly(client);
  }

  private void passThrough(Socket client, int first) throws IOException {
    try (Socket upstream = new Socket(upstreamHost, upstreamPort)) {
      open.add(upstream);
      upstream.getOutputStream().write(first);
      Thread back = new Thread(() -> {
        try {
          upstream.getInputStream().transferTo(client.getOutputStream());
          client.shutdownOutput();
        } catch (IOException ignored) {
          // either side closed
        }
      }, "fault-proxy-tls");
      back.setDaemon(true);
      back.start();
      try {
        client.getInputStream().transferTo(upstream.getOutputStream());
        upstream.shutdownOutput();
      } catch (IOException ignored) {
        // either side closed
      }
      back.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.removeIf(c -> c instanceof Socket s && s.isClosed());
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (IOException ignored) {
      // closing
    }
  }

  /** An HTTP/1.1 request head as read, and how its body is framed. */
  private static final class Request {
    final String line;
    final List<String> headers;
    final long contentLength; // -1: none given
    final boolean chunked;

    private Request(String line, List<String> headers) {
      this.line = line;
      this.headers = headers;
      long length = -1;
      boolean isChunked = false;
      for (String h : headers) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(h.substring(h.indexOf(':') + 1).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          isChunked = true;
        }
      }
      this.contentLength = length;
      this.chunked = isChunked;
    }

    static Request read(int first, InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.write(first);
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the client closed mid-head");
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        if (head.size() > 65_536) {
          throw new IOException("request head too long");
        }
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      return new Request(lines[0], List.of(lines).subList(1, lines.length));
    }

    byte[] headWithConnectionClose() {
      StringBuilder head = new StringBuilder(line).append("\r\n");
      for (String h : headers) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (!h.isEmpty() && !lower.startsWith("connection:") && !lower.startsWith("keep-alive:")) {
          head.append(h).append("\r\n");
        }
      }
      return head.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Copies the body exactly as framed, so the registry reads a whole request. */
    void copyBody(InputStream in, OutputStream out) throws IOException {
      if (chunked) {
        copyChunked(in, out);
      } else if (contentLength > 0) {
        copy(in, out, contentLength);
      }
    }

    /** Reads {@code fraction} of the body (all of a chunked one when 1.0, else its first chunk) and drops it. */
    void skipBody(InputStream in, double fraction) throws IOException {
      OutputStream discard = OutputStream.nullOutputStream();
      if (chunked) {
        if (fraction >= 1.0) {
          copyChunked(in, discard);
        } else {
          in.readNBytes(Math.max(0, Math.min(in.available(), 4096)));
        }
      } else if (contentLength > 0) {
        copy(in, discard, (long) (contentLength * fraction));
      }
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
      while (true) {
        String sizeLine = line(in);
        out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int semicolon = sizeLine.indexOf(';');
        long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          String trailer;
          do {
            trailer = line(in);
            out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          } while (!trailer.isEmpty());
          return;
        }
        copy(in, out, size);
        out.write((line(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("the client closed mid-body");
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
      byte[] buffer = new byte[65_536];
      long left = n;
      while (left > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          throw new IOException("the client closed mid-body");
        }
        out.write(buffer, 0, read);
        left -= read;
      }
    }
  }

  /**
   * Runs a proxy as a process, for the invoker ITs: {@code --upstream host:port --address-file f} and optionally
   * {@code --random <probability> --seed <n> --faults ERROR_500,RESET,… --log <file> --lifetime <seconds>
   * --hang-limit <seconds>}. Writes {@code 127.0.0.1:<port>} to the address file once listening; exits after the
   * lifetime (default 600 s), so a forgotten proxy never outlives its test for long.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    Path logFile = options.containsKey("--log") ? Path.of(options.get("--log")) : null;
    try (FaultProxy proxy = FaultProxy.start(options.get("--upstream"))) {
      if (logFile != null) {
        proxy.logTo(line -> {
          try {
            Files.writeString(logFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      proxy.hangLimit(Duration.ofSeconds(Long.parseLong(options.getOrDefault("--hang-limit", "30"))));
      if (options.containsKey("--random")) {
        proxy.random(Double.parseDouble(options.get("--random")), Long.parseLong(options.getOrDefault("--seed", "1")),
            java.util.Arrays.stream(options.get("--faults").split(",")).map(Fault::valueOf).toList());
      }
      Path address = Path.of(options.get("--address-file"));
      Files.writeString(address.resolveSibling(address.getFileName() + ".tmp"), proxy.hostPort());
      Files.move(address.resolveSibling(address.getFileName() + ".tmp"), address,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Thread.sleep(Duration.ofSeconds(Long.parseLong(options.getOrDefault("--lifetime", "600"))).toMillis());
    }
  }
}
