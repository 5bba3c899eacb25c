package io.captrack.projector.bench;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * What a dashboard asks capability-api: every capability's figures today ({@code GET
 * /capabilities}) and one capability's monthly series over two years ({@code GET
 * /capabilities/{id}/series}), one request after the other, timed from send to the last byte.
 * Beside them, the baseline of the same run: one coverage document read by its id straight from the
 * MongoDB server, no capability-api; what the server alone adds to any answer (the stand-in is a
 * Java server holding the whole read model in its heap: its collector's pauses show here).
 */
final class QueryLatency {

  static final String ALL = "GET /capabilities";
  static final String SERIES = "GET /capabilities/{id}/series (24 months)";
  static final String STORE = "baseline: one coverage document by id from the server, no API";

  private final HttpClient http =
      // HTTP/1.1 as a dashboard over plain http speaks it (the client's default, HTTP/2, first asks
      // capability-api for an upgrade it does not offer)
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;
  private final MongoCollection<Document> coverage;
  private final List<String> capabilities;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, Latencies> latencies = new LinkedHashMap<>();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile boolean running;
  private Thread sampler;

  QueryLatency(int port, MongoCollection<Document> coverage, List<String> capabilities) {
    this.port = port;
    this.coverage = coverage;
    this.capabilities = capabilities;
    latencies.put(ALL, new Latencies());
    latencies.put(SERIES, new Latencies());
    latencies.put(STORE, new Latencies());
  }

  /**
   * Each query in turn for {@code length}, after {@code warmUp} of the same unmeasured:
   * capability-api has just started, and its compiler works on the hot paths for its first minute.
   */
  Map<String, Latencies.Summary> measure(Duration warmUp, Duration length) throws Exception {
    long warm = System.nanoTime() + warmUp.toNanos();
    do {
      time(ALL, null);
      time(SERIES, null);
      store(null);
    } while (System.nanoTime() < warm);
    Map<String, long[]> before = ownCounts();
    long until = System.nanoTime() + length.toNanos();
    while (System.nanoTime() < until) {
      time(ALL, latencies.get(ALL));
      time(SERIES, latencies.get(SERIES));
      store(latencies.get(STORE));
    }
    Map<String, long[]> after = ownCounts();
    StringBuilder own = new StringBuilder("by capability-api's own clock (http.server.requests):");
    OWN_URIS.forEach(
        (query, uri) -> {
          long[] b = before.getOrDefault(uri, new long[2]);
          long[] a = after.getOrDefault(uri, new long[2]);
          long client = slow().stream().filter(l -> l.contains(" " + query + " ")).count();
          own.append(
              String.format(
                  Locale.ROOT,
                  " %s: %,d answers, %,d over 50 ms (the client saw %,d);",
                  query,
                  a[0] - b[0],
                  a[1] - b[1],
                  client));
        });
    ownClock = own.substring(0, own.length() - 1);
    return summary();
  }

  /** The uri tag of each timed query in capability-api's metrics. */
  private static final Map<String, String> OWN_URIS =
      Map.of(ALL, "/capabilities", SERIES, "/capabilities/{capabilityId}/series");

  private volatile String ownClock = "by capability-api's own clock: not measured";

  /**
   * The measured answers of each query as capability-api counted them itself, and how many of them
   * it took more than 50 ms over, beside the client's own count of those: the difference is time
   * outside capability-api's request handling (the client, the connection, the scheduler).
   */
  String ownClock() {
    return ownClock;
  }

  /**
   * Per uri, capability-api's count of answers 200 so far and of those over 50 ms: the count less
   * its bucket at 50 ms ({@code management.metrics.distribution.slo}).
   */
  private Map<String, long[]> ownCounts() throws IOException, InterruptedException {
    String metrics =
        http.send(BenchToken.actuator(port, "prometheus"), HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (String line : metrics.lines().toList()) {
      if (!line.contains("status=\"200\"")) {
        continue;
      }
      for (String uri : OWN_URIS.values()) {
        if (!line.contains("uri=\"" + uri + "\"")) {
          continue;
        }
        long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        long[] c = counts.computeIfAbsent(uri, u -> new long[2]);
        if (line.startsWith("http_server_requests_seconds_count{")) {
          c[0] += value;
          c[1] += value;
        } else if (line.startsWith("http_server_requests_seconds_bucket{")
            && line.contains("le=\"0.05\"")) {
          c[1] -= value;
        }
      }
    }
    return counts;
  }

  /** Asks in a loop on a thread of its own until {@link #stop()}. */
  void start() {
    running = true;
    sampler =
        new Thread(
            () -> {
              while (running) {
                try {
                  time(ALL, latencies.get(ALL));
                  time(SERIES, latencies.get(SERIES));
                  store(latencies.get(STORE));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                } catch (IOException e) {
                  failures.incrementAndGet();
                } catch (IllegalStateException e) {
                  // counted as a failure; the sampler goes on
                }
              }
            },
            "query-latency");
    sampler.setDaemon(true);
    sampler.start();
  }

  Map<String, Latencies.Summary> stop() throws InterruptedException {
    running = false;
    sampler.join();
    return summary();
  }

  /** Answers other than 200 (each also fails a foreground measurement). */
  int failures() {
    return failures.get();
  }

  private Map<String, Latencies.Summary> summary() {
    Map<String, Latencies.Summary> summary = new LinkedHashMap<>();
    latencies.forEach((name, l) -> summary.put(name, l.summary()));
    return summary;
  }

  /** One coverage document by its id, read straight from the server. */
  private void store(Latencies into) {
    String id = capabilities.get(Math.floorMod(next.getAndIncrement(), capabilities.size()));
    long t = System.nanoTime();
    Document found;
    try {
      found = coverage.find(Filters.eq("_id", id)).first();
    } catch (MongoException e) {
      failures.incrementAndGet();
      throw new IllegalStateException("reading coverage document " + id + " failed", e);
    }
    long took = System.nanoTime() - t;
    if (found == null) {
      failures.incrementAndGet();
      throw new IllegalStateException("no coverage document " + id);
    }
    if (into != null) {
      into.add(took);
    }
  }

  private void time(String query, Latencies into) throws IOException, InterruptedException {
    YearMonth now = YearMonth.now(ZoneOffset.UTC);
    String path =
        query.equals(ALL)
            ? "/capabilities"
            : "/capabilities/%s/series?from=%s&to=%s"
                .formatted(
                    capabilities.get(Math.floorMod(next.getAndIncrement(), capabilities.size())),
                    now.minusMonths(23),
                    now);
    long t = System.nanoTime();
    HttpResponse<byte[]> response =
        http.send(
            BenchToken.request(port, path).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    long took = System.nanoTime() - t;
    if (response.statusCode() != 200) {
      failures.incrementAndGet();
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + new String(response.body()));
    }
    if (into != null) {
      into.add(took);
      if (took > SLOW_NANOS) {
        slow.add(String.format(Locale.ROOT, "%s %s %.1f ms", Instant.now(), query, took / 1e6));
      }
    }
  }

  /**
   * Answers measured slower than the target (50 ms), each with when it ended (UTC) and its query.
   */
  List<String> slow() {
    synchronized (slow) {
      return List.copyOf(slow);
    }
  }

  private static final long SLOW_NANOS = 50_000_000L;
  private final List<String> slow = Collections.synchronizedList(new ArrayList<>());
}
