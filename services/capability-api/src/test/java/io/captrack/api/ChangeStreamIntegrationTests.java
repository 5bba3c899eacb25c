package io.captrack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.Cause;
import io.captrack.schemas.capability.CoverageFigures;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.SseClient;
import io.captrack.testkit.TestInfrastructure;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live stream as a dashboard relies on it: resume with Last-Event-ID (nothing missed, nothing
 * twice), filters, heartbeats, a cap on subscribers, and a slow client that holds up no one.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=capability-api",
      "captrack.stream.max-subscribers=4",
      "captrack.stream.queue-capacity=600",
      "captrack.stream.max-replay=50",
      "captrack.stream.heartbeat=1s"
    })
class ChangeStreamIntegrationTests {

  private static final String CHANGED = EventTypes.CAPABILITY_COVERAGE_CHANGED.name();
  private static final KafkaProducer<String, byte[]> PRODUCER =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              TestInfrastructure.shared().bootstrapServers(),
              ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
              4 * 1024 * 1024),
          new StringSerializer(),
          new ByteArraySerializer());
  private static final CloudEventCodec CODEC = new CloudEventCodec();

  @LocalServerPort int port;
  @Autowired KafkaListenerEndpointRegistry listeners;

  private static final List<SseClient> open = new ArrayList<>();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "api-stream-it");
  }

  @AfterAll
  static void closeProducer() {
    PRODUCER.close();
  }

  @BeforeEach
  void relayListens() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !listeners
                    .getListenerContainer("capability-change-stream")
                    .getAssignedPartitions()
                    .isEmpty());
    open.forEach(SseClient::close);
    open.clear();
    // a closed client is noticed at the next heartbeat's write
    await().atMost(Duration.ofSeconds(20)).until(() -> gauge("captrack_stream_subscribers") == 0);
  }

  private SseClient connect(String query, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(viewer().authorization());
    headers.putAll(extra);
    SseClient client =
        SseClient.connect("http://127.0.0.1:" + port + "/capabilities/changes" + query, headers);
    open.add(client);
    return client;
  }

  private SseClient subscribed(String query, Map<String, String> extra) {
    SseClient client = connect(query, extra);
    assertThat(client.status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> client.events().stream().anyMatch(e -> e.name().endsWith(".subscribed")));
    return client;
  }

  private HttpJson viewer() {
    return HttpJson.local(port).as("vera", "viewer");
  }

  private static List<SseClient.Event> changes(SseClient client) {
    return client.events().stream().filter(e -> CHANGED.equals(e.name())).toList();
  }

  /** Publishes a change of {@code capabilityId}; answers its CloudEvents id. */
  private static String publish(String capabilityId, int holders, int padding) {
    CloudEvent<CapabilityCoverageChanged> event = change(capabilityId, holders, padding);
    try {
      send(event).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return event.id();
  }

  private static Future<RecordMetadata> send(CloudEvent<CapabilityCoverageChanged> event) {
    return PRODUCER.send(CODEC.toRecord(event));
  }

  private static CloudEvent<CapabilityCoverageChanged> change(
      String capabilityId, int holders, int padding) {
    List<Cause> causes =
        IntStream.range(0, padding)
            .mapToObj(i -> new Cause("cause-" + i + "-" + "x".repeat(120), "t", "/test"))
            .toList();
    Cause first = new Cause("c-" + holders, EventTypes.TALENT_HIRED.name(), "/test");
    CapabilityCoverageChanged change =
        new CapabilityCoverageChanged(
            capabilityId,
            CoverageFigures.NONE,
            new CoverageFigures(
                holders, Map.of("3", holders), Map.of("BUY", holders), BigDecimal.ZERO),
            first,
            padding == 0 ? List.of(first) : causes,
            Math.max(1, padding));
    return CloudEvent.of(
        EventTypes.CAPABILITY_COVERAGE_CHANGED,
        "/test",
        OffsetDateTime.parse("2026-01-01T00:00:00Z"),
        capabilityId,
        change);
  }

  private static String eventIdOf(SseClient.Event event) {
    return event.id().substring(0, event.id().indexOf('@'));
  }

  @Test
  void aResumedStreamGetsWhatItMissedOnceThenLiveChanges() {
    SseClient first = subscribed("?capability=exp.frontend_dev", Map.of());
    List<String> before =
        List.of(publish("exp.frontend_dev", 1, 0), publish("exp.frontend_dev", 2, 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> changes(first).size() == 2);
    String lastEventId = changes(first).get(1).id();
    first.close();

    List<String> missed =
        List.of(
            publish("exp.frontend_dev", 3, 0),
            publish("exp.frontend_dev", 4, 0),
            publish("exp.frontend_dev", 5, 0));
    SseClient resumed =
        connect("?capability=exp.frontend_dev", Map.of("Last-Event-ID", lastEventId));
    await().atMost(Duration.ofSeconds(30)).until(() -> changes(resumed).size() == 3);
    String live = publish("exp.frontend_dev", 6, 0);

    await().atMost(Duration.ofSeconds(30)).until(() -> changes(resumed).size() == 4);
    List<String> received =
        changes(resumed).stream().map(ChangeStreamIntegrationTests::eventIdOf).toList();
    List<String> expected = new ArrayList<>(missed);
    expected.add(live);
    assertThat(received).containsExactlyElementsOf(expected).doesNotContainAnyElementsOf(before);
  }

  @Test
  void aResumeTooFarBehindIsToldToReload() {
    SseClient first = subscribed("", Map.of());
    String position = first.events().get(first.events().size() - 1).id();
    first.close();
    for (int i = 0; i < 60; i++) {
      send(change("data.analyst", i, 0));
    }
    PRODUCER.flush();

    SseClient resumed = connect("", Map.of("Last-Event-ID", position));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> resumed.events().stream().anyMatch(e -> e.name().endsWith(".reset")));
    assertThat(changes(resumed)).as("nothing replayed past the limit").isEmpty();
    String live = publish("data.analyst", 99, 0);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> changes(resumed).stream().anyMatch(e -> eventIdOf(e).equals(live)));
  }

  @Test
  void filtersLetThroughOnlyTheirCapabilitiesAndAreas() {
    SseClient everything = subscribed("", Map.of());
    SseClient oneCapability = subscribed("?capability=data.ml", Map.of());
    SseClient oneArea = subscribed("?area=exp", Map.of());

    String ml = publish("data.ml", 1, 0);
    String ux = publish("exp.ux_designer", 1, 0);
    publish("ops.customer_service", 1, 0);
    String frontend = publish("exp.frontend_dev", 7, 0);

    await().atMost(Duration.ofSeconds(30)).until(() -> changes(everything).size() >= 4);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(10))
        .until(() -> changes(oneCapability).size() == 1 && changes(oneArea).size() == 2);
    assertThat(changes(oneCapability))
        .extracting(ChangeStreamIntegrationTests::eventIdOf)
        .containsExactly(ml);
    assertThat(changes(oneArea))
        .extracting(ChangeStreamIntegrationTests::eventIdOf)
        .containsExactlyInAnyOrder(ux, frontend);

    HttpResponse<String> unknown = viewer().get("/capabilities/changes?capability=data.nope");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(unknown.body()).contains("unknown-capability");
    assertThat(viewer().get("/capabilities/changes?area=nowhere").statusCode()).isEqualTo(422);
  }

  @Test
  void aMalformedLastEventIdIsAProblem() {
    HttpResponse<String> response =
        viewer().get("/capabilities/changes", Map.of("Last-Event-ID", "yesterday"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(response.body()).contains("invalid-last-event-id");
  }

  @Test
  void idleStreamsGetHeartbeats() {
    SseClient client = subscribed("", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> client.comments().contains("heartbeat"));
  }

  @Test
  void subscribersPastTheCapGetAProblemToRetryLater() {
    for (int i = 0; i < 4; i++) {
      subscribed("", Map.of());
    }

    HttpResponse<String> refused = viewer().get("/capabilities/changes");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("too-many-subscribers");
  }

  @Test
  void aClientThatStopsReadingIsClosedWithoutHoldingUpOthers() throws IOException {
    double overflowsBefore = gauge("captrack_stream_overflows_total");
    SseClient reader = subscribed("?capability=build.devops", Map.of());
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("127.0.0.1", port));
      OutputStream out = stalled.getOutputStream();
      out.write(
          ("GET /capabilities/changes?capability=build.devops HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Accept: text/event-stream\r\nAuthorization: "
                  + viewer().authorization().get("Authorization")
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      await().atMost(Duration.ofSeconds(10)).until(() -> gauge("captrack_stream_subscribers") == 2);

      // 1,500 changes of 15 KB: more than the stalled socket's buffers and its queue of 600
      // hold, while the reader keeps up
      int count = 1500;
      for (int i = 0; i < count; i++) {
        send(change("build.devops", i, 100));
      }
      PRODUCER.flush();

      await().atMost(Duration.ofSeconds(60)).until(() -> changes(reader).size() == count);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> gauge("captrack_stream_overflows_total") > overflowsBefore);
      assertThat(gauge("captrack_stream_subscribers")).isEqualTo(1);
    }
  }

  private double gauge(String name) {
    String metrics = HttpJson.local(port).as("otto", "operator").get("/actuator/prometheus").body();
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
