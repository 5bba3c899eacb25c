package io.captrack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.platform.PersonRefs;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topics;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.SseClient;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner agreement, a hire and two training completions travel REST -> outbox -> Kafka ->
 * projector -> MongoDB -> capability-api and its Server-Sent Events stream.
 */
class EndToEndIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static CaptrackSystem system;

  @BeforeAll
  static void start() {
    TestInfrastructure infra = TestInfrastructure.shared();
    system = new CaptrackSystem(infra.bootstrapServers(), infra.mongoUri());
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void commandsOfAllThreeProducersChangeCoverageAndReachTheLiveStream() {
    KafkaListenerEndpointRegistry listeners =
        system.api.getBean(KafkaListenerEndpointRegistry.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !listeners
                    .getListenerContainer("capability-change-stream")
                    .getAssignedPartitions()
                    .isEmpty());
    HttpJson api = CaptrackSystem.http(system.api).as("pat", "viewer", "planner");

    try (SseClient stream =
        SseClient.connect(
            "http://127.0.0.1:" + CaptrackSystem.port(system.api) + "/capabilities/changes",
            api.authorization())) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !stream.comments().isEmpty());

      HttpJson partners = CaptrackSystem.http(system.partner).as("alice", "procurement");
      String partnerId =
          JSON.readTree(created(partners.post("/partners", "{\"name\":\"Acme Digital Ltd\"}")))
              .get("partnerId")
              .asString();
      CaptrackSystem.activate(partners, partnerId, "exp.ux_designer");
      created(
          partners.post(
              "/partners/" + partnerId + "/agreements",
              """
              {"capabilities":["exp.ux_designer"],"capacityFte":2.5,"effectiveFrom":"2026-01-01","noticeDays":30}
              """));
      created(
          CaptrackSystem.http(system.talent)
              .as("harriet", "hr")
              .post(
                  "/hires",
                  """
                  {"hrId":"HR-1","capabilities":[{"capabilityId":"data.ml","level":4}],
                   "startDate":"2026-02-01","hireType":"PERMANENT"}
                  """));
      HttpJson learning = CaptrackSystem.http(system.learning).as("leo", "learning");
      created(
          learning.post(
              "/completions",
              """
              {"hrId":"HR-2","courseId":"ml-201","capabilityId":"data.ml","success":true,
               "score":91,"levelAwarded":3,"completedOn":"2026-03-01"}
              """));
      created(
          learning.post(
              "/completions",
              """
              {"hrId":"HR-1","courseId":"ml-101","capabilityId":"data.ml","success":true,
               "levelAwarded":2,"completedOn":"2026-03-02"}
              """));

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                JsonNode ml = JSON.readTree(api.get("/capabilities/data.ml").body());
                assertThat(ml.get("holders").asInt()).isEqualTo(2);
                assertThat(counts(ml.get("holdersByLevel"))).isEqualTo(Map.of("3", 1, "4", 1));
                assertThat(counts(ml.get("holdersByChannel")))
                    .isEqualTo(Map.of("BUY", 1, "BUILD", 1));
                assertThat(ml.get("partnerFte").decimalValue()).isEqualByComparingTo("0");
                JsonNode ux = JSON.readTree(api.get("/capabilities/exp.ux_designer").body());
                assertThat(ux.get("holders").asInt()).isZero();
                assertThat(ux.get("partnerFte").decimalValue()).isEqualByComparingTo("2.5");
                assertThat(ux.get("gap").get("fte").decimalValue()).isEqualByComparingTo("0");
              });

      String hr1 = new PersonRefs(CaptrackSystem.PERSON_REF_SECRET).of("HR-1");
      JsonNode person = JSON.readTree(api.get("/people/" + hr1 + "/profile").body());
      assertThat(person.get("current"))
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.get("capabilityId").asString()).isEqualTo("data.ml");
                assertThat(h.get("level").asInt()).isEqualTo(4);
                assertThat(h.get("channel").asString()).isEqualTo("BUY");
                assertThat(h.get("from").asString()).isEqualTo("2026-02-01");
              });
      JsonNode before =
          JSON.readTree(api.get("/people/" + hr1 + "/profile?asOf=2026-01-31").body());
      assertThat(before.get("current").size()).isZero();
      JsonNode partner = JSON.readTree(api.get("/partners/" + partnerId + "/profile").body());
      assertThat(partner.get("current"))
          .singleElement()
          .satisfies(l -> assertThat(l.get("fte").decimalValue()).isEqualByComparingTo("2.5"));
      assertThat(api.get("/people/nobody/profile").statusCode()).isEqualTo(404);

      // one change per capability per projector batch: how the records fell into batches decides
      // how many, so the last one's figures and the causes they count are what is checked
      List<CapabilityCoverageChanged> streamed =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      stream.events().stream()
                          .filter(e -> "captrack.capability.coverage-changed.v1".equals(e.name()))
                          .map(e -> JSON.readValue(e.data(), CapabilityCoverageChanged.class))
                          .toList(),
                  list ->
                      list.stream()
                              .filter(c -> c.capabilityId().equals("data.ml"))
                              .reduce((a, b) -> b)
                              .map(c -> c.after().holders() == 2)
                              .orElse(false)
                          && list.stream()
                              .anyMatch(c -> c.capabilityId().equals("exp.ux_designer")));
      assertThat(streamed)
          .filteredOn(c -> c.capabilityId().equals("exp.ux_designer"))
          .singleElement()
          .satisfies(
              c -> assertThat(c.after().partnerFte()).isEqualByComparingTo(new BigDecimal("2.5")));
      List<CapabilityCoverageChanged> ml =
          streamed.stream().filter(c -> c.capabilityId().equals("data.ml")).toList();
      assertThat(ml).hasSizeBetween(1, 3);
      assertThat(ml.get(0).before().holders()).isZero();
      assertThat(ml.get(ml.size() - 1).after().holders()).isEqualTo(2);
      assertThat(ml.stream().mapToInt(CapabilityCoverageChanged::causeCount).sum())
          .as("the hire and the completions that moved data.ml")
          .isBetween(2, 3);
      assertThat(
              TopicReader.readAll(
                  TestInfrastructure.shared().bootstrapServers(), Topics.CAPABILITY_CHANGES.name()))
          .hasSizeGreaterThanOrEqualTo(streamed.size());
    }
  }

  /**
   * README's partner example, command by command, read at today's date: the round is opened today,
   * its decision back-dated (QUALIFIED 2026-01-10..2027-01-09), the partner ACTIVE from 2026-01-15
   * and the agreement 2.5 FTE 2026-01-01..2027-01-01. By README's rules the partner lends 2.5 FTE
   * on every day where all three hold, whatever day the round was opened.
   */
  @Test
  void readmePartnerExampleLendsOnEveryDayItsFactsHold() {
    String capability = "mkt.digital_media";
    HttpJson partners = CaptrackSystem.http(system.partner).as("alice", "procurement");
    String partnerId =
        JSON.readTree(created(partners.post("/partners", "{\"name\":\"Acme Digital Ltd\"}")))
            .get("partnerId")
            .asString();
    String qualificationId =
        JSON.readTree(
                partners
                    .post(
                        "/partners/" + partnerId + "/qualifications",
                        "{\"capabilities\":[\"" + capability + "\"]}")
                    .body())
            .get("qualifications")
            .get(0)
            .get("qualificationId")
            .asString();
    assertThat(
            partners
                .as("bob", "procurement")
                .post(
                    "/partners/" + partnerId + "/qualifications/" + qualificationId + "/decision",
                    "{\"status\":\"QUALIFIED\",\"validFrom\":\"2026-01-10\",\"validUntil\":\"2027-01-09\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            partners
                .post(
                    "/partners/" + partnerId + "/status",
                    "{\"status\":\"ACTIVE\",\"effectiveOn\":\"2026-01-15\",\"reason\":\"qualified\"}")
                .statusCode())
        .isEqualTo(200);
    created(
        partners.post(
            "/partners/" + partnerId + "/agreements",
            "{\"capabilities\":[\""
                + capability
                + "\"],\"capacityFte\":2.5,\"effectiveFrom\":\"2026-01-01\","
                + "\"effectiveTo\":\"2027-01-01\",\"noticeDays\":30}"));

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    HttpJson api = CaptrackSystem.http(system.api).as("pat", "viewer", "planner");
    Map<LocalDate, String> expected = new LinkedHashMap<>();
    for (LocalDate day :
        List.of(
            LocalDate.of(2026, 1, 14),
            LocalDate.of(2026, 1, 15),
            LocalDate.of(2026, 6, 1),
            LocalDate.of(2026, 12, 31),
            LocalDate.of(2027, 1, 1),
            today)) {
      boolean active = !day.isBefore(LocalDate.of(2026, 1, 15));
      boolean qualified =
          !day.isBefore(LocalDate.of(2026, 1, 10)) && !day.isAfter(LocalDate.of(2027, 1, 9));
      boolean agreement =
          !day.isBefore(LocalDate.of(2026, 1, 1)) && day.isBefore(LocalDate.of(2027, 1, 1));
      expected.put(day, active && qualified && agreement ? "2.5" : "0");
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                expected.forEach(
                    (day, fte) -> {
                      JsonNode figures =
                          JSON.readTree(
                              api.get("/capabilities/" + capability + "?asOf=" + day).body());
                      assertThat(figures.get("partnerFte").decimalValue())
                          .as("partnerFte on %s (today is %s)", day, today)
                          .isEqualByComparingTo(fte);
                    }));
  }

  private static String created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return response.body();
  }

  private static Map<String, Integer> counts(JsonNode node) {
    return node.properties().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asInt()));
  }

  @Test
  void aQueryAfterAWritesPositionSeesTheWrite() {
    HttpJson partners = CaptrackSystem.http(system.partner).as("alice", "procurement");
    HttpJson api = CaptrackSystem.http(system.api).as("pat", "viewer");
    String partnerId =
        JSON.readTree(created(partners.post("/partners", "{\"name\":\"Read Your Writes Ltd\"}")))
            .get("partnerId")
            .asString();
    CaptrackSystem.activate(partners, partnerId, "ops.merchandising");
    BigDecimal before =
        JSON.readTree(api.get("/capabilities/ops.merchandising").body())
            .get("partnerFte")
            .decimalValue();

    HttpResponse<String> signed =
        partners.post(
            "/partners/" + partnerId + "/agreements",
            "{\"capabilities\":[\"ops.merchandising\"],\"capacityFte\":1.5,\"effectiveFrom\":\"2025-12-01\"}");
    assertThat(signed.statusCode()).isEqualTo(201);
    String position = signed.headers().firstValue("Captrack-Position").orElseThrow();

    // no waiting here: the query itself waits until the read model has applied the write
    HttpResponse<String> read =
        api.get(
            "/capabilities/ops.merchandising?after="
                + URLEncoder.encode(position, StandardCharsets.UTF_8));
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(JSON.readTree(read.body()).get("partnerFte").decimalValue())
        .isEqualByComparingTo(before.add(new BigDecimal("1.5")));

    HttpResponse<String> garbled = api.get("/capabilities/ops.merchandising?after=v1.not-a-token");
    assertThat(garbled.statusCode()).isEqualTo(400);
    assertThat(garbled.body()).contains("invalid-position");
    String future =
        "v1."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("partner.events:0:999999999".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> tooEarly = api.get("/capabilities/ops.merchandising?after=" + future);
    assertThat(tooEarly.statusCode()).isEqualTo(503);
    assertThat(tooEarly.headers().firstValue("Retry-After")).isPresent();
    assertThat(tooEarly.body()).contains("not-yet-applied");
  }
}
