package io.captrack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.platform.outbox.OutboxRelay;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.Topics;
import io.captrack.schemas.capability.CapabilityTargetSet;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Planners' targets and corrections reach planning.events; bad ones are problems and send nothing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=capability-api")
class PlanningIntegrationTests {

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  @LocalServerPort int port;
  @Autowired MongoDatabase database;
  @Autowired OutboxRelay relay;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "api-planning-it");
  }

  @Test
  void aTargetAndACorrectionArePublishedKeyedForTheProjector() {
    HttpJson http = HttpJson.local(port).as("pat@planning", "viewer", "planner");
    JsonNode target =
        json(
            http.post(
                "/capabilities/data.security/targets",
                "{\"level\":5,\"headcount\":4,\"fte\":1.5,\"effectiveFrom\":\"2027-01-01\",\"reason\":\"2027 plan\"}"),
            202);
    JsonNode correction =
        json(
            http.post(
                "/corrections",
                "{\"eventId\":\"ev-42\",\"eventType\":\"captrack.partner.agreement-signed.v1\",\"partnerId\":\"p-9\",\"reason\":\"wrong partner\"}"),
            202);

    List<ConsumerRecord<String, byte[]>> records =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    TopicReader.readAll(
                        TestInfrastructure.shared().bootstrapServers(),
                        Topics.PLANNING_EVENTS.name()),
                r -> r.size() >= 2);
    CloudEvent<?> set = find(records, target.get("eventId").asString());
    assertThat(set.type()).isEqualTo(EventTypes.CAPABILITY_TARGET_SET);
    assertThat(set.data())
        .isEqualTo(
            new CapabilityTargetSet(
                "data.security",
                5,
                4,
                new java.math.BigDecimal("1.5"),
                LocalDate.of(2027, 1, 1),
                "2027 plan"));
    assertThat(key(records, set.id())).isEqualTo("data.security");
    CloudEvent<?> voided = find(records, correction.get("eventId").asString());
    assertThat(voided.type()).isEqualTo(EventTypes.PLANNING_EVENT_VOIDED);
    assertThat(((EventVoided) voided.data()).voidedEventId()).isEqualTo("ev-42");
    assertThat(key(records, voided.id())).as("keyed by the partner").isEqualTo("p-9");
  }

  @Test
  void badPlanningCommandsAreProblemsAndPublishNothing() {
    HttpJson http = HttpJson.local(port).as("pat@planning", "viewer", "planner");
    long before = database.getCollection("planning").countDocuments();
    problem(
        http.post(
            "/capabilities/no.such/targets",
            "{\"level\":3,\"headcount\":1,\"fte\":0,\"effectiveFrom\":\"2027-01-01\"}"),
        404,
        "not-found");
    problem(
        http.post(
            "/capabilities/data.ml/targets",
            "{\"level\":9,\"headcount\":1,\"fte\":0,\"effectiveFrom\":\"2027-01-01\"}"),
        400,
        "invalid-request");
    problem(
        http.post("/capabilities/data.ml/targets", "{\"level\":3,\"headcount\":1,\"fte\":-1}"),
        400,
        "invalid-request");
    problem(
        http.post(
            "/corrections",
            "{\"eventId\":\"ev-1\",\"eventType\":\"captrack.learning.training-completed.v1\",\"partnerId\":\"p-1\",\"reason\":\"x\"}"),
        400,
        "invalid-request");
    problem(
        http.post(
            "/corrections",
            "{\"eventId\":\"ev-1\",\"eventType\":\"captrack.partner.no-such.v1\",\"partnerId\":\"p-1\",\"reason\":\"x\"}"),
        422,
        "unknown-event-type");
    assertThat(database.getCollection("planning").countDocuments()).isEqualTo(before);
    assertThat(relay.pendingCount()).isZero();
  }

  private static CloudEvent<?> find(List<ConsumerRecord<String, byte[]>> records, String id) {
    return records.stream()
        .map(CODEC::decode)
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static String key(List<ConsumerRecord<String, byte[]>> records, String id) {
    return records.stream()
        .filter(r -> id.equals(CloudEventCodec.header(r.headers(), CloudEventCodec.ID)))
        .findFirst()
        .orElseThrow()
        .key();
  }

  private static void problem(HttpResponse<String> response, int status, String type) {
    JsonNode body = json(response, status);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
    assertThat(body.get("type").asString()).endsWith("/" + type);
  }

  private static JsonNode json(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return CODEC_JSON.readTree(response.body());
  }

  private static final tools.jackson.databind.json.JsonMapper CODEC_JSON =
      CloudEventCodec.defaultMapper();
}
