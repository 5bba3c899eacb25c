package io.captrack.projector;

import static io.captrack.projector.ProjectorFixtures.on;
import static io.captrack.projector.ProjectorFixtures.sendRaw;
import static io.captrack.projector.ProjectorFixtures.training;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.Topics;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=capability-projector",
      "captrack.projector.group-id=projector-dlt-it"
    })
class DeadLetterIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final String DLT = Topics.LEARNING_EVENTS.deadLetter();

  @LocalServerPort int port;
  @Autowired MongoDatabase database;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "projector-dlt-it");
  }

  @Test
  void deadLettersAreListedAndReDrivenOrParkedKeepingEachKeysOrder() {
    String readable = "e-" + UUID.randomUUID();
    String broken = "e-" + UUID.randomUUID();
    String person = UUID.randomUUID().toString().replace("-", "").repeat(2);
    String brokenPerson = UUID.randomUUID().toString().replace("-", "").repeat(2);
    CloudEvent<?> good =
        CloudEvent.of(
                EventTypes.TRAINING_COMPLETED,
                "/test",
                OffsetDateTime.parse("2026-03-01T00:00:00Z"),
                readable,
                training(readable, person, "mkt.automation", 3))
            .withPartitionKey(person);
    sendRaw(dead(new CloudEventCodec().toRecord(good), "an older projector could not read it"));
    ProducerRecord<String, byte[]> malformed =
        CloudEventCodec.toRecord(
            Topics.LEARNING_EVENTS.name(),
            UUID.randomUUID().toString(),
            "/test",
            EventTypes.TRAINING_COMPLETED.name(),
            OffsetDateTime.parse("2026-03-01T00:00:00Z"),
            broken,
            Instant.now(),
            "{\"enrolmentId\":".getBytes(StandardCharsets.UTF_8),
            brokenPerson);
    sendRaw(dead(malformed, "payload is not valid"));
    CloudEvent<?> afterBroken =
        CloudEvent.of(
                EventTypes.TRAINING_COMPLETED,
                "/test",
                OffsetDateTime.parse("2026-03-02T00:00:00Z"),
                broken,
                training(broken, brokenPerson, "mkt.automation", 4))
            .withPartitionKey(brokenPerson);
    sendRaw(dead(new CloudEventCodec().toRecord(afterBroken), "it came after a broken record"));

    HttpJson http = HttpJson.local(port).as("otto@operations", "operator");
    JsonNode listed = JSON.readTree(http.get("/dead-letters/learning.events").body());
    assertThat(listed.valueStream().filter(l -> l.get("key").asString().equals(brokenPerson)))
        .hasSize(2)
        .allSatisfy(l -> assertThat(l.get("state").asString()).isEqualTo("DEAD"));
    assertThat(listed.valueStream().filter(l -> l.get("key").asString().equals(person)))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.get("reason").asString())
                    .isEqualTo("an older projector could not read it"));

    JsonNode redrive = JSON.readTree(http.post("/dead-letters/learning.events/redrive", "").body());
    assertThat(redrive.get("redriven").asInt()).isEqualTo(1);
    assertThat(redrive.get("parked").asInt()).isEqualTo(2);
    JsonNode again = JSON.readTree(http.post("/dead-letters/learning.events/redrive", "").body());
    assertThat(again.get("redriven").asInt() + again.get("parked").asInt()).isZero();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Document automation = ProjectorFixtures.coverage(database, "mkt.automation");
              assertThat(on(automation, LocalDate.of(2026, 3, 10)))
                  .containsEntry("L3", 1L)
                  .doesNotContainKey("L4");
            });
    var parked =
        TopicReader.readAll(
                TestInfrastructure.shared().bootstrapServers(), "learning.events.parked")
            .stream()
            .filter(r -> brokenPerson.equals(r.key()))
            .toList();
    assertThat(parked).hasSize(2);
    assertThat(CloudEventCodec.header(parked.get(0).headers(), "captrack_parked_reason"))
        .contains("not a valid");
    assertThat(CloudEventCodec.header(parked.get(1).headers(), "captrack_parked_reason"))
        .contains("earlier record of this key");
    assertThat(http.get("/dead-letters/nope.events").statusCode()).isEqualTo(404);
  }

  private static ProducerRecord<String, byte[]> dead(
      ProducerRecord<String, byte[]> original, String reason) {
    ProducerRecord<String, byte[]> dead =
        new ProducerRecord<>(DLT, 0, original.key(), original.value(), original.headers());
    dead.headers().add("kafka_dlt-exception-message", reason.getBytes(StandardCharsets.UTF_8));
    dead.headers()
        .add(
            "kafka_dlt-original-topic",
            Topics.LEARNING_EVENTS.name().getBytes(StandardCharsets.UTF_8));
    return dead;
  }
}
