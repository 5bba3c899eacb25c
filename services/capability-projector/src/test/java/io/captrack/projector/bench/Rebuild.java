package io.captrack.projector.bench;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The rebuild of the benchmark: the whole log replayed into a new generation through the
 * projector's own endpoint ({@code POST /read-model/rebuild}), while the current one answers.
 */
final class Rebuild {

  private Rebuild() {}

  /**
   * Starts a rebuild of the {@code total} events of the log on the projector at {@code port} (its
   * consumer group {@code group}), one that switches by itself, and waits for the switch, at most
   * {@code limit}: answers its seconds, or, when it has not switched by then, the time its rate so
   * far gives (a negative figure).
   */
  static double run(int port, Admin admin, String group, long total, Duration limit)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long t = System.nanoTime();
    HttpResponse<String> started =
        http.send(
            BenchToken.request(port, "/read-model/rebuild")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 202) {
      throw new IllegalStateException("rebuild refused: " + started.body());
    }
    try {
      await("the rebuild switched")
          .atMost(limit)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  http.send(
                          BenchToken.request(port, "/read-model").build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body()
                      .contains("\"current\":\"g1\""));
      double seconds = (System.nanoTime() - t) / 1e9;
      ProjectorBenchmark.print(
          "rebuild of the %,d events into a new generation: %.0f s", total, seconds);
      return seconds;
    } catch (ConditionTimeoutException e) {
      double seconds = (System.nanoTime() - t) / 1e9;
      long done =
          Progress.committed(admin, group + "-g1").values().stream()
              .mapToLong(Long::longValue)
              .sum();
      double projected = total / (done / seconds);
      ProjectorBenchmark.print(
          "rebuild stopped after %.0f s at %,d of %,d events: %.0f s at that rate",
          seconds, done, total, projected);
      return -projected;
    }
  }
}
