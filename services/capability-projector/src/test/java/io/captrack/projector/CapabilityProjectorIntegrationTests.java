package io.captrack.projector;

import static com.mongodb.client.model.Filters.eq;
import static io.captrack.projector.ProjectorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.projector.coverage.DayTick;
import io.captrack.projector.expiry.ExpiryTick;
import io.captrack.projector.readmodel.Generations;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.Topics;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.CapabilityTargetSet;
import io.captrack.schemas.capability.ExpiryNotice;
import io.captrack.schemas.learning.CredentialIssued;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    properties = {
      "spring.config.name=capability-projector",
      "captrack.projector.group-id=projector-it"
    })
class CapabilityProjectorIntegrationTests {

  private static final String GROUP = "projector-it";
  private static final CloudEventCodec CODEC = new CloudEventCodec();

  @Autowired MongoDatabase database;
  @Autowired Generations generations;
  @Autowired ExpiryTick expiryTick;
  @Autowired DayTick dayTick;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "projector-it");
  }

  @Test
  void hireTrainingAndAgreementGiveExactCoverage() {
    String alice = ref();
    String bob = ref();
    send(EventTypes.TALENT_HIRED, alice, hire(alice, "data.analyst", 3));
    send(EventTypes.TALENT_HIRED, bob, hire(bob, "data.analyst", 2));
    send(EventTypes.TRAINING_COMPLETED, "e1", training("e1", bob, "data.analyst", 4));
    send(EventTypes.TRAINING_COMPLETED, "e2", training("e2", alice, "data.analyst", 2));
    activate("p-1", "data.analyst");
    activate("p-2", "data.analyst");
    send(
        EventTypes.PARTNER_AGREEMENT_SIGNED,
        "p-1",
        agreement("p-1", "a-it-1", "data.analyst", "1.5"));
    send(
        EventTypes.PARTNER_AGREEMENT_SIGNED,
        "p-2",
        agreement("p-2", "a-it-2", "data.analyst", "2.25"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Document c = coverage("data.analyst");
              assertThat(today(c))
                  .containsAllEntriesOf(
                      Map.of("holders", 2L, "L3", 1L, "L4", 1L, "BUY", 1L, "BUILD", 1L))
                  .containsEntry("fte", 375L)
                  .containsEntry("fte:p-1", 150L)
                  .containsEntry("fte:p-2", 225L)
                  // both partners lend from the day their qualification began
                  .containsEntry("ttc:BORROW:0", 2L)
                  .hasSize(9);
              assertThat(on(c, LocalDate.of(2026, 1, 4)))
                  .doesNotContainKey("holders")
                  .containsEntry("fte", 375L);
            });
  }

  @Test
  void plannersTargetsAndPartnerCorrectionsComeThroughPlanningEvents() {
    activate("p-7", "eco.partner_mgmt");
    CloudEvent<PartnerAgreementSigned> signed =
        CloudEvent.of(
            EventTypes.PARTNER_AGREEMENT_SIGNED,
            "/test",
            OffsetDateTime.parse("2026-01-01T00:00:00Z"),
            "p-7",
            agreement("p-7", "a-it-7", "eco.partner_mgmt", "2"));
    sendRaw(CODEC.toRecord(signed));
    CloudEvent<CapabilityTargetSet> target =
        CloudEvent.of(
            EventTypes.CAPABILITY_TARGET_SET,
            "/test",
            OffsetDateTime.parse("2026-01-01T00:00:00Z"),
            "eco.partner_mgmt",
            new CapabilityTargetSet(
                "eco.partner_mgmt", 3, 0, new BigDecimal("3"), LocalDate.of(2026, 1, 1), "plan"));
    sendRaw(CODEC.toRecord(target));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Document c = coverage("eco.partner_mgmt");
              assertThat(today(c)).containsEntry("fte", 200L);
              // the agreement and the target travel on two topics: one may be applied first
              Document targets = c.get("targets", Document.class);
              assertThat(targets).as("planners' targets").isNotNull();
              Document planned = targets.get(target.id(), Document.class);
              assertThat(planned).as("the target set").isNotNull();
              assertThat(planned.getString("from")).isEqualTo("2026-01-01");
              assertThat(planned.getInteger("level")).isEqualTo(3);
              assertThat(((Number) planned.get("fteCenti")).longValue()).isEqualTo(300L);
            });

    CloudEvent<EventVoided> correction =
        CloudEvent.of(
                EventTypes.PLANNING_EVENT_VOIDED,
                "/test",
                OffsetDateTime.parse("2026-03-01T00:00:00Z"),
                signed.id(),
                new EventVoided(signed.id(), signed.type().name(), "wrong partner"))
            .withPartitionKey("p-7");
    sendRaw(CODEC.toRecord(correction));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(today(coverage("eco.partner_mgmt")))
                    .doesNotContainKey("fte")
                    .doesNotContainKey("fte:p-7"));
  }

  @Test
  void credentialsAndAgreementsThatEndAreListedWithTheirLastDay() {
    String dana = ref();
    LocalDate until = LocalDate.now().plusDays(20);
    send(
        EventTypes.CREDENTIAL_ISSUED,
        "cr-it-1",
        new CredentialIssued(
            "cr-it-1",
            dana,
            "data.security",
            4,
            "CISSP",
            "ISC2",
            LocalDate.of(2026, 1, 10),
            until));
    // agreement ids are unique per partner only: two partners' "a-it-4" are two items
    CloudEvent<PartnerAgreementSigned> first = null;
    for (String partner : List.of("p-4", "p-4b")) {
      CloudEvent<PartnerAgreementSigned> signed =
          CloudEvent.of(
              EventTypes.PARTNER_AGREEMENT_SIGNED,
              "/test",
              OffsetDateTime.parse("2026-01-01T00:00:00Z"),
              partner,
              new PartnerAgreementSigned(
                  "a-it-4",
                  partner,
                  List.of("data.security"),
                  BigDecimal.ONE,
                  null,
                  LocalDate.of(2026, 1, 1),
                  LocalDate.of(partner.equals("p-4") ? 2027 : 2028, 1, 1),
                  30));
      sendRaw(CODEC.toRecord(signed));
      first = first == null ? signed : first;
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Document credential = expiry(dana, "CREDENTIAL", "cr-it-1");
              assertThat(credential).isNotNull();
              assertThat(credential.getString("lastDay")).isEqualTo(until.toString());
              // partner events travel on their own partitions: either may come first
              assertThat(expiry("p-4", "AGREEMENT", "a-it-4"))
                  .isNotNull()
                  .containsEntry("lastDay", "2026-12-31");
              assertThat(expiry("p-4b", "AGREEMENT", "a-it-4"))
                  .isNotNull()
                  .containsEntry("lastDay", "2027-12-31");
            });

    // p-4's agreement voided: its item goes, the other partner's stays
    sendRaw(
        CODEC.toRecord(
            CloudEvent.of(
                    EventTypes.PLANNING_EVENT_VOIDED,
                    "/test",
                    OffsetDateTime.parse("2026-01-01T00:00:00Z"),
                    first.id(),
                    new EventVoided(first.id(), first.type().name(), "entered in error"))
                .withPartitionKey("p-4")));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(expiry("p-4", "AGREEMENT", "a-it-4")).isNull();
              assertThat(expiry("p-4b", "AGREEMENT", "a-it-4")).isNotNull();
            });
  }

  private Document expiry(String holder, String kind, String id) {
    return database
        .getCollection("expiries")
        .find(new Document("holder", holder).append("kind", kind).append("id", id))
        .first();
  }

  @Test
  void theDayTickAnnouncesWhatTimeAloneChangesOnceADay() {
    // two holders at level 3 until a credential ends on 2030-02-01 (target: 2 at level 3), stored
    // as README lays out a calendar: each day's changes and the month's net change in the month's
    // document (January's as <dd>|<counter> fields of its own, February's in the earlier layout
    // under d, which still reads), the total and the latest month in the capability's
    Document twoHolders = new Document("holders", 2).append("L3", 2).append("BUILD", 2);
    Document twoHoldersOnThe1st =
        new Document("01|holders", 2).append("01|L3", 2).append("01|BUILD", 2);
    Document oneLess = new Document("holders", -1).append("L3", -1).append("BUILD", -1);
    Document oneLessOnThe1st =
        new Document("01|holders", -1).append("01|L3", -1).append("01|BUILD", -1);
    Document january =
        new Document("_id", "tick.a|2030-01")
            .append("capabilityId", "tick.a")
            .append("month", "2030-01")
            .append("net", twoHolders);
    january.putAll(twoHoldersOnThe1st);
    database
        .getCollection("coverage_months")
        .insertMany(
            List.of(
                january,
                new Document("_id", "tick.a|2030-02")
                    .append("capabilityId", "tick.a")
                    .append("month", "2030-02")
                    .append("d", oneLessOnThe1st)
                    .append("net", oneLess)));
    database
        .getCollection("coverage")
        .updateOne(
            eq("_id", "tick.a"),
            new Document(
                "$set",
                new Document("total", new Document("holders", 1).append("L3", 1).append("BUILD", 1))
                    .append("latestMonth", "2030-02")));

    dayTick.tick(LocalDate.of(2030, 1, 31));
    assertThat(dayTick.tick(LocalDate.of(2030, 2, 1))).isEqualTo(2);
    assertThat(dayTick.tick(LocalDate.of(2030, 2, 1))).as("once a day").isZero();
    assertThat(dayTick.tick(LocalDate.of(2030, 1, 31))).as("days only move forward").isZero();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<CloudEvent<?>> announced =
                  TopicReader.readAll(bootstrap(), Topics.CAPABILITY_CHANGES.name()).stream()
                      .filter(r -> "tick.a".equals(r.key()))
                      .<CloudEvent<?>>map(CODEC::decode)
                      .filter(e -> e.time().toLocalDate().equals(LocalDate.of(2030, 2, 1)))
                      .toList();
              assertThat(announced)
                  .extracting(e -> e.type().name())
                  .containsExactlyInAnyOrder(
                      EventTypes.CAPABILITY_COVERAGE_CHANGED.name(),
                      EventTypes.CAPABILITY_GAP_OPENED.name());
              CapabilityCoverageChanged changed =
                  (CapabilityCoverageChanged)
                      announced.stream()
                          .filter(e -> e.data() instanceof CapabilityCoverageChanged)
                          .findFirst()
                          .orElseThrow()
                          .data();
              assertThat(changed.before().holders()).isEqualTo(2);
              assertThat(changed.after().holders()).isEqualTo(1);
              assertThat(changed.cause().eventType()).isEqualTo(DayTick.CAUSE_TYPE);
            });
  }

  @Test
  void theDailyTickSendsOneNoticePerThresholdReached() {
    String id = "cr-tick-" + UUID.randomUUID();
    database
        .getCollection("expiries")
        .insertOne(
            new Document("_id", "h|CREDENTIAL:" + id)
                .append("kind", "CREDENTIAL")
                .append("id", id)
                .append("holder", ref())
                .append("capabilityIds", List.of("lead.transformer"))
                .append("lastDay", "2030-01-31"));

    assertThat(expiryTick.tick(LocalDate.of(2029, 10, 1))).isZero(); // 122 days: nothing yet
    assertThat(expiryTick.tick(LocalDate.of(2030, 1, 1))).isEqualTo(1); // 30 days
    assertThat(expiryTick.tick(LocalDate.of(2030, 1, 2))).isZero(); // still within 30, sent
    assertThat(expiryTick.tick(LocalDate.of(2030, 1, 25))).isEqualTo(1); // 6 days: the 7-day notice
    assertThat(expiryTick.tick(LocalDate.of(2030, 1, 31))).isEqualTo(1); // last day
    assertThat(expiryTick.tick(LocalDate.of(2030, 2, 1))).isZero(); // over

    List<Integer> thresholds =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    TopicReader.readAll(bootstrap(), Topics.CAPABILITY_CHANGES.name()).stream()
                        .map(r -> new CloudEventCodec().decode(r))
                        .filter(e -> e.data() instanceof ExpiryNotice n && n.id().equals(id))
                        .map(e -> ((ExpiryNotice) e.data()).threshold())
                        .toList(),
                list -> list.size() >= 3);
    assertThat(thresholds).containsExactly(30, 7, 0);
  }

  @Test
  void malformedRecordIsDeadLetteredWithItsReasonAndLaterRecordsAreProjected() {
    String key = ref();
    ProducerRecord<String, byte[]> bad =
        CloudEventCodec.toRecord(
            Topics.TALENT_EVENTS.name(),
            UUID.randomUUID().toString(),
            "/test",
            EventTypes.TALENT_HIRED.name(),
            OffsetDateTime.parse("2026-01-01T00:00:00Z"),
            key,
            java.time.Instant.now(),
            "{\"personRef\": 42".getBytes(StandardCharsets.UTF_8));
    sendRaw(bad);
    send(EventTypes.TALENT_HIRED, key, hire(key, "mkt.new_media", 5));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(today(coverage("mkt.new_media"))).containsEntry("holders", 1L));
    List<ConsumerRecord<String, byte[]>> dead =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    TopicReader.readAll(bootstrap(), Topics.TALENT_EVENTS.deadLetter()).stream()
                        .filter(r -> key.equals(r.key()))
                        .toList(),
                list -> !list.isEmpty());
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), "kafka_dlt-exception-message"))
        .contains("payload is not a valid captrack.talent.hired.v1");
    assertThat(header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo("talent.events");
    assertThat(dead.get(0).value()).isEqualTo(bad.value());
  }

  @Test
  void replayingTheTopicsFromTheStartLeavesTheReadModelUnchanged() throws Exception {
    String carol = ref();
    send(EventTypes.TALENT_HIRED, carol, hire(carol, "ops.merchandising", 3));
    activate("p-3", "ops.merchandising");
    send(
        EventTypes.PARTNER_AGREEMENT_SIGNED,
        "p-3",
        agreement("p-3", "a-it-3", "ops.merchandising", "4"));
    awaitCaughtUp();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Long.valueOf(1).equals(today(coverage("ops.merchandising")).get("holders")));
    Map<String, Document> before = snapshot();
    int changesBefore = TopicReader.readAll(bootstrap(), Topics.CAPABILITY_CHANGES.name()).size();

    var container = generations.liveContainer();
    container.stop();
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
      endOffsets(admin).keySet().forEach(tp -> zero.put(tp, new OffsetAndMetadata(0)));
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  admin.alterConsumerGroupOffsets(GROUP, zero).all().get(5, TimeUnit.SECONDS)
                      == null);
      assertThat(committed(admin, GROUP).values()).allMatch(o -> o == 0);
    }
    container.start();
    awaitCaughtUp();

    assertThat(snapshot()).isEqualTo(before);
    assertThat(TopicReader.readAll(bootstrap(), Topics.CAPABILITY_CHANGES.name()))
        .hasSize(changesBefore);
  }

  private void awaitCaughtUp() {
    try (Admin admin = admin()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> committed(admin, GROUP).equals(endOffsets(admin)));
    }
  }

  private Map<String, Document> snapshot() {
    Map<String, Document> all = new HashMap<>();
    for (String name : List.of("coverage", "people", "person_events", "partners", "expiries")) {
      for (Document d : database.getCollection(name).find()) {
        Document copy = new Document(d);
        copy.remove("outbox");
        copy.remove("outboxPending");
        all.put(name + "/" + d.get("_id"), copy);
      }
    }
    return all;
  }

  private Document coverage(String capabilityId) {
    return ProjectorFixtures.coverage(database, capabilityId);
  }
}
