package io.captrack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.platform.outbox.OutboxRelay;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.KafkaBrokerProcess;
import io.captrack.testkit.MongoStandIn;
import io.captrack.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka goes away while commands are posted: the services keep accepting them, and when the broker
 * is back every event arrives exactly once, in order per aggregate, and the read model is right.
 */
class KafkaOutageIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();

  @TempDir static Path kafkaData;
  private static KafkaBrokerProcess kafka;
  private static MongoStandIn mongo;
  private static CaptrackSystem system;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(kafkaData);
    kafka = KafkaBrokerProcess.onFreePorts(kafkaData).start();
    mongo = MongoStandIn.inMemory();
    system = new CaptrackSystem(kafka.bootstrapServers(), mongo.connectionString());
  }

  @AfterAll
  static void stop() {
    system.close();
    kafka.close();
    mongo.close();
  }

  @Test
  void commandsPostedWhileKafkaIsDownArePublishedOnceWhenItReturns() {
    HttpJson partners = CaptrackSystem.http(system.partner).as("alice", "procurement");
    HttpJson talent = CaptrackSystem.http(system.talent).as("harriet", "hr");
    HttpJson learning = CaptrackSystem.http(system.learning).as("leo", "learning");
    String partnerId =
        JSON.readTree(partners.post("/partners", "{\"name\":\"Before Ltd\"}").body())
            .get("partnerId")
            .asString();
    CaptrackSystem.activate(partners, partnerId, "build.devops");
    await().atMost(Duration.ofSeconds(30)).until(() -> events(Topics.PARTNER_EVENTS).size() == 4);

    kafka.kill();

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> signed =
          partners.post(
              "/partners/" + partnerId + "/agreements",
              """
              {"capabilities":["build.devops"],"capacityFte":1.25,"effectiveFrom":"2026-01-0%d"}
              """
                  .formatted(i + 1));
      statuses.add(signed.statusCode());
      // no position to read after while Kafka is away: the answer says so, and is not held up
      assertThat(signed.headers().firstValue("Captrack-Position")).isEmpty();
      assertThat(signed.headers().firstValue("Captrack-Position-Pending")).hasValue("true");
    }
    for (int i = 0; i < 4; i++) {
      statuses.add(
          talent
              .post(
                  "/hires",
                  """
                  {"hrId":"OUT-%d","capabilities":[{"capabilityId":"build.devops","level":3}],
                   "startDate":"2026-04-01","hireType":"PERMANENT"}
                  """
                      .formatted(i))
              .statusCode());
    }
    for (int i = 0; i < 4; i++) {
      statuses.add(
          talent
              .post(
                  "/assessments",
                  """
                  {"hrId":"OUT-%d","capabilityId":"build.devops","method":"PEER","rawValue":"3",
                   "rawScale":"five-point","assessedOn":"2026-04-15"}
                  """
                      .formatted(i))
              .statusCode());
    }
    for (int i = 0; i < 2; i++) {
      statuses.add(
          learning
              .post(
                  "/completions",
                  """
                  {"hrId":"OUT-%d","courseId":"k8s","capabilityId":"build.devops","success":true,
                   "levelAwarded":5,"completedOn":"2026-05-01"}
                  """
                      .formatted(i))
              .statusCode());
    }
    assertThat(statuses).containsOnly(201);
    assertThat(system.partner.getBean(OutboxRelay.class).pendingCount()).isEqualTo(3);
    assertThat(system.talent.getBean(OutboxRelay.class).pendingCount()).isEqualTo(8);
    assertThat(system.learning.getBean(OutboxRelay.class).pendingCount()).isEqualTo(2);

    kafka.start();

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(system.partner.getBean(OutboxRelay.class).pendingCount()).isZero();
              assertThat(system.talent.getBean(OutboxRelay.class).pendingCount()).isZero();
              assertThat(system.learning.getBean(OutboxRelay.class).pendingCount()).isZero();
            });
    List<ConsumerRecord<String, byte[]>> partnerEvents = events(Topics.PARTNER_EVENTS);
    List<ConsumerRecord<String, byte[]>> talentEvents = events(Topics.TALENT_EVENTS);
    List<ConsumerRecord<String, byte[]>> learningEvents = events(Topics.LEARNING_EVENTS);
    assertThat(partnerEvents).hasSize(7);
    assertThat(talentEvents).hasSize(8);
    assertThat(learningEvents).hasSize(2);
    for (List<ConsumerRecord<String, byte[]>> topic :
        List.of(partnerEvents, talentEvents, learningEvents)) {
      assertThat(topic.stream().map(r -> CloudEventCodec.header(r.headers(), CloudEventCodec.ID)))
          .doesNotHaveDuplicates();
    }
    // per aggregate, events arrive in the order the commands were accepted
    for (List<ConsumerRecord<String, byte[]>> topic :
        List.of(partnerEvents, talentEvents, learningEvents)) {
      topic.stream()
          .collect(Collectors.groupingBy(ConsumerRecord::key))
          .forEach(
              (key, records) ->
                  assertThat(
                          records.stream()
                              .map(
                                  r ->
                                      CloudEventCodec.header(
                                          r.headers(), CloudEventCodec.RECORDED_AT))
                              .map(Instant::parse)
                              .toList())
                      .as("order of %s", key)
                      .isSorted());
    }
    assertThat(
            talentEvents.stream()
                .collect(
                    Collectors.groupingBy(
                        ConsumerRecord::key,
                        Collectors.mapping(
                            r -> CloudEventCodec.header(r.headers(), CloudEventCodec.TYPE),
                            Collectors.toList())))
                .values())
        .hasSize(4)
        .allSatisfy(
            types ->
                assertThat(types)
                    .containsExactly(
                        "captrack.talent.hired.v1", "captrack.talent.proficiency-assessed.v1"));
    // one partner, one partition: registration first, then the agreements in the order posted
    assertThat(
            partnerEvents.stream()
                .map(r -> new CloudEventCodec().decode(r).time().toLocalDate().toString()))
        .endsWith("2026-01-01", "2026-01-02", "2026-01-03");

    HttpJson api = CaptrackSystem.http(system.api).as("pat", "viewer", "planner");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode devops = JSON.readTree(api.get("/capabilities/build.devops").body());
              assertThat(devops.get("holders").asInt()).isEqualTo(4);
              assertThat(counts(devops.get("holdersByLevel"))).isEqualTo(Map.of("3", 2, "5", 2));
              assertThat(counts(devops.get("holdersByChannel")))
                  .isEqualTo(Map.of("BUY", 2, "BUILD", 2));
              assertThat(devops.get("partnerFte").decimalValue()).isEqualByComparingTo("3.75");
            });
  }

  private static List<ConsumerRecord<String, byte[]>> events(Topic topic) {
    return TopicReader.readAll(kafka.bootstrapServers(), topic.name());
  }

  private static Map<String, Integer> counts(JsonNode node) {
    return node.properties().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asInt()));
  }
}
