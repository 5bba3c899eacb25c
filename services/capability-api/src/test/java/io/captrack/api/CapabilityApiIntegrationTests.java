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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  void coverageOfOneAndAllCapabilitiesAtAnyDateWithTheGapToTarget() {
    CoverageFixtures.insert(
        database,
        new Document("_id", "data.ml")
            .append("name", "ML engineer")
            .append("area", "data")
            .append(
                "calendar",
                new Document("2026-01-01", new Document("fte", 150).append("fte:p-1", 150))
                    .append(
                        "2026-02-01", new Document("holders", 2).append("L4", 2).append("BUY", 2))
                    .append("2026-03-01", new Document("fte", 50).append("fte:p-2", 50))
                    .append(
                        "2026-03-15", new Document("holders", 1).append("L2", 1).append("BUILD", 1))
                    .append(
                        "2026-05-01",
                        new Document("holders", -1).append("L4", -1).append("BUY", -1)))
            .append("target", new Document("level", 4).append("headcount", 3).append("fte", 2.0)));

    HttpJson http = HttpJson.local(port).as("pat@planning", "viewer", "planner");
    JsonNode march = JSON.readTree(http.get("/capabilities/data.ml?asOf=2026-03-31").body());
    assertThat(march.get("asOf").asString()).isEqualTo("2026-03-31");
    assertThat(march.get("holders").asInt()).isEqualTo(3);
    assertThat(march.get("holdersByLevel").get("4").asInt()).isEqualTo(2);
    assertThat(march.get("holdersByChannel").get("BUILD").asInt()).isEqualTo(1);
    assertThat(march.get("partnerFte").decimalValue()).isEqualByComparingTo("2");
    assertThat(march.get("gap").get("headcount").asInt()).isEqualTo(1);
    assertThat(march.get("gap").get("fte").decimalValue()).isEqualByComparingTo("0");
    JsonNode dependency = march.get("dependency");
    assertThat(dependency.get("shares").get("p-1").decimalValue()).isEqualByComparingTo("0.75");
    assertThat(dependency.get("shares").get("p-2").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(dependency.get("hhi").asInt()).isEqualTo(6250);
    assertThat(dependency.get("singleSource").asBoolean()).isFalse();
    JsonNode january = JSON.readTree(http.get("/capabilities/data.ml?asOf=2026-01-15").body());
    assertThat(january.get("dependency").get("singleSource").asBoolean()).isTrue();
    assertThat(january.get("dependency").get("hhi").asInt()).isEqualTo(10000);

    JsonNode areas = JSON.readTree(http.get("/areas?asOf=2026-03-31").body());
    JsonNode data =
        areas
            .valueStream()
            .filter(a -> a.get("areaId").asString().equals("data"))
            .findFirst()
            .orElseThrow();
    assertThat(data.get("holdings").asInt()).isEqualTo(3);
    assertThat(data.get("partnerFte").decimalValue()).isEqualByComparingTo("2");
    assertThat(data.get("openGaps").asInt()).isEqualTo(1);
    assertThat(areas.size()).isEqualTo(7);

    JsonNode flows =
        JSON.readTree(http.get("/capabilities/data.ml/flows?from=2026-02&to=2026-05").body());
    assertThat(flows.get(0).get("inflows").get("BUY").asInt()).isEqualTo(2);
    assertThat(flows.get(1).get("inflows").get("BUILD").asInt()).isEqualTo(1);
    assertThat(flows.get(2).get("inflows").size()).isZero();
    assertThat(flows.get(3).get("outflows").get("BUY").asInt()).isEqualTo(1);
    JsonNode today = JSON.readTree(http.get("/capabilities/data.ml").body());
    assertThat(today.get("holders").asInt()).isEqualTo(2);
    assertThat(today.get("gap").get("headcount").asInt()).isEqualTo(2);

    JsonNode series =
        JSON.readTree(http.get("/capabilities/data.ml/series?from=2026-01&to=2026-06").body());
    assertThat(series.valueStream().map(m -> m.get("holders").asInt()))
        .containsExactly(0, 2, 2, 3, 2, 2);

    JsonNode areaSeries =
        JSON.readTree(http.get("/areas/data/series?from=2026-01&to=2026-06").body());
    assertThat(areaSeries.valueStream().map(m -> m.get("holdings").asInt()))
        .containsExactly(0, 2, 2, 3, 2, 2);
    assertThat(areaSeries.get(2).get("partnerFte").decimalValue()).isEqualByComparingTo("2");
    assertThat(http.get("/areas/nope/series?from=2026-01&to=2026-06").statusCode()).isEqualTo(404);

    JsonNode all = JSON.readTree(http.get("/capabilities?asOf=2026-01-31").body());
    assertThat(all.valueStream().filter(n -> n.get("capabilityId").asString().equals("data.ml")))
        .singleElement()
        .satisfies(n -> assertThat(n.get("holders").asInt()).isZero());
    assertThat(http.get("/capabilities/data.ml?asOf=yesterday").statusCode()).isEqualTo(400);
    assertThat(http.get("/capabilities/data.ml/series?from=2026-06&to=2026-01").statusCode())
        .isEqualTo(422);
  }

  /**
   * A generation written before capability documents carried their total (months only) reads as one
   * written now: the figures on a day are the sum of every change up to it.
   */
  @Test
  void capabilityDocumentsWithAndWithoutTheirTotalGiveTheSameFigures() {
    for (boolean withTotal : List.of(true, false)) {
      String id = "data.layout-" + withTotal;
      CoverageFixtures.insert(
          database,
          new Document("_id", id)
              .append("name", "Layout")
              .append("area", "data")
              .append(
                  "calendar",
                  new Document(
                          "2028-11-03",
                          new Document("holders", 2).append("L3", 2).append("BUILD", 2))
                      .append(
                          "2029-02-10",
                          new Document("holders", -1).append("L3", -1).append("BUILD", -1))
                      .append(
                          "2029-06-01",
                          new Document("holders", 1).append("L4", 1).append("BUY", 1))),
          withTotal);
      HttpJson http = HttpJson.local(port).as("pat@planning", "viewer", "planner");
      JsonNode series =
          JSON.readTree(http.get("/capabilities/" + id + "/series?from=2028-10&to=2029-07").body());
      assertThat(series.valueStream().map(m -> m.get("holders").asInt()))
          .as("total %s", withTotal)
          .containsExactly(0, 0, 2, 2, 2, 1, 1, 1, 2, 2);
      JsonNode day = JSON.readTree(http.get("/capabilities/" + id + "?asOf=2029-02-10").body());
      assertThat(day.get("holders").asInt()).isEqualTo(1);
      assertThat(day.get("holdersByLevel").get("3").asInt()).isEqualTo(1);
      JsonNode all = JSON.readTree(http.get("/capabilities?asOf=2029-06-30").body());
      assertThat(all.valueStream().filter(n -> n.get("capabilityId").asString().equals(id)))
          .singleElement()
          .satisfies(n -> assertThat(n.get("holdersByChannel").get("BUY").asInt()).isEqualTo(1));
    }
  }

  @Test
  void pipelineAndTimeToCapabilityPerChannelAtAnyDate() {
    CoverageFixtures.insert(
        database,
        new Document("_id", "exp.frontend_dev")
            .append("name", "Frontend")
            .append("area", "exp")
            .append(
                "calendar",
                new Document(
                        "2026-01-10",
                        new Document("requisitions", 3)
                            .append("enrolling", 2)
                            .append("onboarding", 1))
                    .append(
                        "2026-02-01",
                        new Document("enrolling", -1)
                            .append("ttc:BUILD:20", 1)
                            .append("ttc:BUILD:40", 1)
                            .append("ttc:BUILD:90", 1)
                            .append("ttc:BUILD:200", 1))
                    .append(
                        "2026-03-01",
                        new Document("requisitions", -3)
                            .append("ttc:BUY:50", 2)
                            .append("onboarding", -1)
                            .append("ttc:BORROW:30", 1)))
            .append("target", new Document("level", 3).append("headcount", 2).append("fte", 1.0))
            .append(
                "targets",
                new Document(
                        "t-1",
                        new Document("from", "2026-02-01")
                            .append("recordedAt", "2026-01-20T10:00:00Z")
                            .append("level", 4)
                            .append("headcount", 6)
                            .append("fteCenti", 250))
                    .append(
                        "t-2",
                        new Document("from", "2026-02-01")
                            .append("recordedAt", "2026-01-25T10:00:00Z")
                            .append("level", 4)
                            .append("headcount", 5)
                            .append("fteCenti", 250))));
    HttpJson http = HttpJson.local(port).as("pat@planning", "viewer", "planner");

    JsonNode january =
        JSON.readTree(http.get("/capabilities/exp.frontend_dev?asOf=2026-01-31").body());
    assertThat(january.get("pipeline").get("requisitions").asInt()).isEqualTo(3);
    assertThat(january.get("pipeline").get("enrolments").asInt()).isEqualTo(2);
    assertThat(january.get("pipeline").get("partnersOnboarding").asInt()).isEqualTo(1);
    assertThat(january.get("timeToCapability").size()).isZero();
    assertThat(january.get("holdersByChannel").size()).as("pipeline is no channel").isZero();
    assertThat(january.get("target").get("headcount").asInt()).as("seeded").isEqualTo(2);

    JsonNode february =
        JSON.readTree(http.get("/capabilities/exp.frontend_dev?asOf=2026-02-15").body());
    assertThat(february.get("pipeline").get("enrolments").asInt()).isEqualTo(1);
    assertThat(february.get("target").get("headcount").asInt()).as("planned, later").isEqualTo(5);
    assertThat(february.get("target").get("fte").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(february.get("gap").get("headcount").asInt()).isEqualTo(5);
    JsonNode build = february.get("timeToCapability").get("BUILD");
    assertThat(build.get("count").asInt()).isEqualTo(4);
    assertThat(build.get("medianDays").asInt()).isEqualTo(40);
    assertThat(build.get("p90Days").asInt()).isEqualTo(200);

    JsonNode march =
        JSON.readTree(http.get("/capabilities/exp.frontend_dev?asOf=2026-03-01").body());
    assertThat(march.get("pipeline").get("requisitions").asInt()).isZero();
    assertThat(march.get("pipeline").get("partnersOnboarding").asInt()).isZero();
    assertThat(march.get("timeToCapability").get("BUY").get("count").asInt()).isEqualTo(2);
    assertThat(march.get("timeToCapability").get("BUY").get("medianDays").asInt()).isEqualTo(50);
    assertThat(march.get("timeToCapability").get("BORROW").get("p90Days").asInt()).isEqualTo(30);
  }

  @Test
  void expiringItemsInBucketsComputedAtReadTime() {
    var expiries = database.getCollection("expiries");
    expiries.insertOne(expiry("CREDENTIAL", "cr-1", "data.ml", "2026-07-05"));
    expiries.insertOne(expiry("AGREEMENT", "a-1", "data.ml", "2026-08-15"));
    expiries.insertOne(expiry("QUALIFICATION", "q-1", "exp.ux_designer", "2026-07-20"));
    expiries.insertOne(expiry("CREDENTIAL", "cr-2", "data.ml", "2027-03-01"));
    expiries.insertOne(expiry("CREDENTIAL", "cr-3", "data.ml", "2026-06-01"));

    HttpJson http = HttpJson.local(port).as("pat@planning", "viewer", "planner");
    JsonNode all = JSON.readTree(http.get("/expiries?asOf=2026-07-01").body());
    assertThat(all.get("items").valueStream().map(i -> i.get("id").asString()))
        .containsExactly("cr-1", "q-1", "a-1");
    assertThat(all.get("items").get(0).get("daysLeft").asInt()).isEqualTo(4);
    assertThat(all.get("buckets").get("7").asInt()).isEqualTo(1);
    assertThat(all.get("buckets").get("30").asInt()).isEqualTo(1);
    assertThat(all.get("buckets").get("60").asInt()).isEqualTo(1);
    assertThat(all.get("buckets").get("90").asInt()).isZero();

    JsonNode ml =
        JSON.readTree(http.get("/expiries?asOf=2026-07-01&within=30&capabilityId=data.ml").body());
    assertThat(ml.get("items").valueStream().map(i -> i.get("id").asString()))
        .containsExactly("cr-1");
    assertThat(http.get("/expiries?within=365").statusCode()).isEqualTo(422);
  }

  private static Document expiry(String kind, String id, String capability, String lastDay) {
    return new Document("_id", kind + ":" + id)
        .append("kind", kind)
        .append("id", id)
        .append("holder", "h")
        .append("capabilityIds", java.util.List.of(capability))
        .append("lastDay", lastDay);
  }

  @Test
  void unknownCapabilityIsAProblem() {
    HttpResponse<String> response =
        HttpJson.local(port).as("pat@planning", "viewer", "planner").get("/capabilities/data.nope");
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
    String stream = "http://127.0.0.1:" + port + "/capabilities/changes";
    try (SseClient anonymous = SseClient.connect(stream)) {
      assertThat(anonymous.status()).isEqualTo(401);
    }
    HttpJson viewer = HttpJson.local(port).as("vera", "viewer");
    try (SseClient sse = SseClient.connect(stream, viewer.authorization());
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

      SseClient.Event received =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      sse.events().stream()
                          .filter(e -> e.name().endsWith("coverage-changed.v1"))
                          .findFirst(),
                  Optional::isPresent)
              .orElseThrow();
      assertThat(received.id()).startsWith(event.id() + "@");
      assertThat(received.name()).isEqualTo("captrack.capability.coverage-changed.v1");
      assertThat(JSON.readValue(received.data(), CapabilityCoverageChanged.class))
          .isEqualTo(change);
    }
  }
}
