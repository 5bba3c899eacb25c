package io.captrack.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A real Server-Sent Events client for tests: connects and collects every event it receives. */
public final class SseClient implements AutoCloseable {

  /** One event as it arrived. */
  public record Event(String id, String name, String data) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private final List<RuntimeException> listenerFailures = new CopyOnWriteArrayList<>();
  private final HttpURLConnection connection;
  private final InputStream body;
  private final Thread reader;
  private final int status;
  private final String contentType;
  private final Consumer<Event> listener;

  private SseClient(HttpURLConnection connection, Consumer<Event> listener) throws IOException {
    this.connection = connection;
    this.listener = listener;
    this.status = connection.getResponseCode();
    this.contentType = Objects.requireNonNullElse(connection.getContentType(), "");
    InputStream stream = status < 400 ? connection.getInputStream() : connection.getErrorStream();
    this.body = stream == null ? InputStream.nullInputStream() : stream;
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
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(5_000);
      connection.setRequestProperty("Accept", "text/event-stream");
      // not kept alive: closing the stream closes the socket (the JDK would drain a kept one)
      connection.setRequestProperty("Connection", "close");
      headers.forEach(connection::setRequestProperty);
      return new SseClient(connection, listener);
    } catch (IOException e) {
      throw new IllegalStateException(e);
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
      body.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    connection.disconnect();
  }
}
