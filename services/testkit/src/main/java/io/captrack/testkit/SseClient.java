package io.captrack.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A real Server-Sent Events client for tests: connects and collects every event it receives. */
public final class SseClient implements AutoCloseable {

  /** One event as it arrived. */
  public record Event(String id, String name, String data) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private final List<RuntimeException> listenerFailures = new CopyOnWriteArrayList<>();
  private final Socket socket;
  private final InputStream body;
  private final Thread reader;
  private final int status;
  private final String contentType;
  private final Consumer<Event> listener;

  /**
   * HTTP/1.1 over a plain socket, so that {@link #close()} closes the connection at once, whatever
   * the reading thread is doing (a JDK connection's stream makes a close wait for the reader).
   */
  private SseClient(URI uri, Map<String, String> headers, Consumer<Event> listener)
      throws IOException {
    this.listener = listener;
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    this.socket = new Socket();
    socket.connect(new InetSocketAddress(uri.getHost(), port), 5_000);
    StringBuilder request = new StringBuilder();
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    request.append("GET ").append(target).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n");
    request.append("Accept: text/event-stream\r\n");
    request.append("Connection: close\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    request.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    String statusLine = line(in);
    String[] parts = statusLine == null ? new String[0] : statusLine.split(" ");
    if (parts.length < 2) {
      socket.close();
      throw new IOException("no HTTP answer from " + uri + ": " + statusLine);
    }
    this.status = Integer.parseInt(parts[1]);
    String type = "";
    boolean chunked = false;
    long length = -1;
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-type" -> type = value;
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "content-length" -> length = Long.parseLong(value);
        default -> {
          // not needed
        }
      }
    }
    this.contentType = type;
    this.body = chunked ? new Chunked(in) : length >= 0 ? new BoundedInputStream(in, length) : in;
    this.reader = new Thread(this::read, "sse-client");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  public static SseClient connect(String url) {
    return connect(url, Map.of(), event -> {});
  }

  /** Connects with extra headers, such as Authorization or Last-Event-ID. */
  public static SseClient connect(String url, Map<String, String> headers) {
    return connect(url, headers, event -> {});
  }

  /**
   * Connects, and hands each event to {@code listener} on the reading thread as it arrives (for
   * timing arrivals); events are collected as well. {@link #close()} closes the connection, as a
   * browser does when a page goes away.
   */
  public static SseClient connect(
      String url, Map<String, String> headers, Consumer<Event> listener) {
    try {
      return new SseClient(URI.create(url), headers, listener);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One header or status line, CRLF or LF ended; null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
          line.setLength(last);
        }
        return line.toString();
      }
      line.append((char) b);
    }
    return line.length() == 0 ? null : line.toString();
  }

  /** A chunked body decoded (RFC 9112, section 7.1); its end is the last, empty chunk. */
  private static final class Chunked extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean started;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    private boolean next() throws IOException {
      if (done) {
        return false;
      }
      if (remaining == 0) {
        if (started) {
          line(in); // the CRLF after a chunk's data
        }
        started = true;
        String size = line(in);
        if (size == null) {
          done = true;
          return false;
        }
        int extension = size.indexOf(';');
        remaining =
            Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        if (remaining == 0) {
          done = true;
          return false;
        }
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      if (!next()) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (!next()) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }

  /** The first {@code length} bytes of a stream. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long length) {
      this.in = in;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  /** What the listener threw, event by event. */
  public List<RuntimeException> listenerFailures() {
    return List.copyOf(listenerFailures);
  }

  /** Comments received (lines starting with a colon); the server sends one on subscription. */
  public List<String> comments() {
    return List.copyOf(comments);
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String name = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            Event event = new Event(id, name, data.toString());
            events.add(event);
            try {
              listener.accept(event);
            } catch (RuntimeException e) {
              // the listener's own fault must not end the stream
              listenerFailures.add(e);
            }
          }
          id = null;
          name = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).trim());
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          if (!data.isEmpty()) {
            data.append('\n');
          }
          data.append(line.substring(5).stripLeading());
        }
      }
    } catch (IOException e) {
      // the stream was closed
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
