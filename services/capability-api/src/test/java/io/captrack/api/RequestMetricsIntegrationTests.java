package io.captrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator can tell from capability-api's own metrics how many answers of a query took longer
 * than the queries' target (50 ms): {@code http.server.requests} has a bucket at that bound.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=capability-api")
class RequestMetricsIntegrationTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "api-metrics-it");
  }

  @Test
  void requestTimesHaveABucketAtTheQueriesTarget() {
    HttpJson viewer = HttpJson.local(port).as("vic@planning", "viewer");
    int asked = 5;
    for (int i = 0; i < asked; i++) {
      assertThat(viewer.get("/capabilities").statusCode()).isEqualTo(200);
    }

    List<String> metrics =
        HttpJson.local(port)
            .as("otto", "operator")
            .get("/actuator/prometheus")
            .body()
            .lines()
            .filter(l -> l.contains("uri=\"/capabilities\"") && l.contains("status=\"200\""))
            .toList();
    double count = sum(metrics, "http_server_requests_seconds_count{");
    double withinTarget = sum(metrics, "http_server_requests_seconds_bucket{", "le=\"0.05\"");
    assertThat(count).isEqualTo(asked);
    assertThat(metrics)
        .as("a bucket at 50 ms")
        .anyMatch(
            l -> l.startsWith("http_server_requests_seconds_bucket{") && l.contains("le=\"0.05\""));
    assertThat(withinTarget).isBetween(0.0, count);
  }

  private static double sum(List<String> lines, String prefix, String... parts) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix) && List.of(parts).stream().allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
