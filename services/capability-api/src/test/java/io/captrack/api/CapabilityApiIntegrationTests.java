package io.captrack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.Cause;
import io.captrack.schemas.capability.CoverageFigures;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.SseClient;
import io.captrack.testkit.TestInfrastructure;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=capability-api")
class CapabilityApiIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();

  @LocalServerPort int port;
  @Autowired MongoDatabase database;
  @Autowired KafkaListenerEndpointRegistry listeners;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "api-it");
  }

  @Test
  void coverageOfOneAndAllCapabilitiesWithTheGapToTarget() {
    database
        .getCollection("coverage")
        .insertOne(
            new Document("_id", "data.ml")
                .append("name", "ML engineer")
                .append("area", "data")
                .append("holders", 3)
                .append("holdersByLevel", new Document("4", 2).append("2", 1).append("5", 0))
                .append("holdersByChannel", new Document("BUY", 2).append("BUILD", 1))
                .append("partnerFteCenti", 150L)
                .append(
                    "target", new Document("level", 4).append("headcount", 3).append("fte", 2.0)));

    HttpJson http = HttpJson.local(port);
    JsonNode one = JSON.readTree(http.get("/capabilities/data.ml").body());
    assertThat(one.get("holders").asInt()).isEqualTo(3);
    assertThat(one.get("holdersByLevel").properties()).hasSize(2);
    assertThat(one.get("partnerFte").decimalValue()).isEqualByComparingTo("1.5");
    assertThat(one.get("gap").get("headcount").asInt()).isEqualTo(1);
    assertThat(one.get("gap").get("fte").decimalValue()).isEqualByComparingTo("0.5");

    JsonNode all = JSON.readTree(http.get("/capabilities").body());
    assertThat(all.isArray()).isTrue();
    assertThat(all.valueStream().map(n -> n.get("capabilityId").asString())).contains("data.ml");
  }

  @Test
  void unknownCapabilityIsAProblem() {
    HttpResponse<String> response = HttpJson.local(port).get("/capabilities/data.nope");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
  }

  @Test
  void changesOnTheTopicReachServerSentEventsSubscribers() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !listeners
                    .getListenerContainer("capability-change-stream")
                    .getAssignedPartitions()
                    .isEmpty());
    try (SseClient sse = SseClient.connect("http://127.0.0.1:" + port + "/capabilities/changes");
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.shared().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
      assertThat(sse.status()).isEqualTo(200);
      assertThat(sse.contentType()).startsWith("text/event-stream");
      await().atMost(Duration.ofSeconds(10)).until(() -> !sse.comments().isEmpty());

      CapabilityCoverageChanged change =
          new CapabilityCoverageChanged(
              "exp.frontend_dev",
              CoverageFigures.NONE,
              new CoverageFigures(1, Map.of("3", 1), Map.of("BUY", 1), BigDecimal.ZERO),
              new Cause("e-1", EventTypes.TALENT_HIRED.name(), "/test"));
      CloudEvent<CapabilityCoverageChanged> event =
          CloudEvent.of(
              EventTypes.CAPABILITY_COVERAGE_CHANGED,
              "/test",
              OffsetDateTime.parse("2026-01-01T00:00:00Z"),
              "exp.frontend_dev",
              change);
      producer.send(new CloudEventCodec().toRecord(event));
      producer.flush();

      await().atMost(Duration.ofSeconds(30)).until(() -> !sse.events().isEmpty());
      SseClient.Event received = sse.events().get(0);
      assertThat(received.id()).isEqualTo(event.id());
      assertThat(received.name()).isEqualTo("captrack.capability.coverage-changed.v1");
      assertThat(JSON.readValue(received.data(), CapabilityCoverageChanged.class))
          .isEqualTo(change);
    }
  }
}
