package io.captrack.platform.outbox;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Where the events a request wrote landed in Kafka, for requests that tell their callers (read your
 * writes). The outbox announces the events of a request that collects; the relay completes them as
 * Kafka acknowledges them.
 */
public final class Publications {

  /** One event's place in Kafka. */
  public record Position(String topic, int partition, long offset) {}

  private static final String ATTRIBUTE = Publications.class.getName();

  private final Map<String, CompletableFuture<Position>> waiting = new ConcurrentHashMap<>();

  /** The current request will ask where its events landed. */
  public static void collect(HttpServletRequest request) {
    request.setAttribute(ATTRIBUTE, new LinkedHashMap<String, CompletableFuture<Position>>());
  }

  /** The outbox wrote these events for the current request, if it collects. */
  void expect(List<String> eventIds) {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes == null
        || !(attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
            instanceof Map<?, ?> collected)) {
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, CompletableFuture<Position>> mine =
        (Map<String, CompletableFuture<Position>>) collected;
    for (String id : eventIds) {
      CompletableFuture<Position> future = new CompletableFuture<>();
      waiting.put(id, future);
      mine.put(id, future);
    }
  }

  /** The write did not happen after all: these events will never be published. */
  void forget(List<String> eventIds) {
    eventIds.forEach(waiting::remove);
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes != null
        && attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
            instanceof Map<?, ?> collected) {
      eventIds.forEach(collected::remove);
    }
  }

  /** Kafka acknowledged an event. */
  void published(String eventId, RecordMetadata metadata) {
    CompletableFuture<Position> future = waiting.remove(eventId);
    if (future != null) {
      future.complete(new Position(metadata.topic(), metadata.partition(), metadata.offset()));
    }
  }

  /**
   * The positions of every event the request wrote, once Kafka has them all, waiting at most {@code
   * timeout}; empty when the request wrote none, or not all were published in time.
   */
  public Optional<List<Position>> await(HttpServletRequest request, Duration timeout) {
    if (!(request.getAttribute(ATTRIBUTE) instanceof Map<?, ?> collected) || collected.isEmpty()) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Position> positions = new ArrayList<>();
    try {
      for (Map.Entry<?, ?> entry : collected.entrySet()) {
        CompletableFuture<?> future = (CompletableFuture<?>) entry.getValue();
        long left = Math.max(0, deadline - System.nanoTime());
        positions.add((Position) future.get(left, TimeUnit.NANOSECONDS));
      }
      return Optional.of(positions);
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      collected.keySet().forEach(waiting::remove);
    }
  }

  /** The request ends without asking: its events are no longer awaited. */
  public void release(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof Map<?, ?> collected) {
      collected.keySet().forEach(waiting::remove);
      collected.clear();
    }
  }

  /** Whether the request wrote events. */
  public static boolean wrote(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Map<?, ?> collected && !collected.isEmpty();
  }
}
