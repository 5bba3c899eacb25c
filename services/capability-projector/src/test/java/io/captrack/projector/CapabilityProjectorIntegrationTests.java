package io.captrack.projector;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.captrack.schemas.learning.CredentialIssued;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.partner.QualificationStatus;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.TalentHired;
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
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
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
  private static KafkaProducer<String, byte[]> producer;

  @Autowired MongoDatabase database;
  @Autowired KafkaListenerEndpointRegistry listeners;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "projector-it");
  }

  @BeforeAll
  static void producer() {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.shared().bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @AfterAll
  static void close() {
    producer.close();
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
    send(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-1", agreement("a-it-1", "data.analyst", "1.5"));
    send(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-2", agreement("a-it-2", "data.analyst", "2.25"));

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
                  .hasSize(8);
              assertThat(on(c, LocalDate.of(2026, 1, 4)))
                  .doesNotContainKey("holders")
                  .containsEntry("fte", 375L);
            });
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
    send(
        EventTypes.PARTNER_AGREEMENT_SIGNED,
        "p-4",
        new PartnerAgreementSigned(
            "a-it-4",
            "p-4",
            List.of("data.security"),
            BigDecimal.ONE,
            null,
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2027, 1, 1),
            30));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Document credential =
                  database.getCollection("expiries").find(eq("_id", "CREDENTIAL:cr-it-1")).first();
              assertThat(credential).isNotNull();
              assertThat(credential.getString("holder")).isEqualTo(dana);
              assertThat(credential.getString("lastDay")).isEqualTo(until.toString());
              Document agreement =
                  database.getCollection("expiries").find(eq("_id", "AGREEMENT:a-it-4")).first();
              assertThat(agreement).isNotNull();
              assertThat(agreement.getString("lastDay")).isEqualTo("2026-12-31");
            });
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
    producer.send(bad);
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
    send(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-3", agreement("a-it-3", "ops.merchandising", "4"));
    awaitCaughtUp();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Long.valueOf(1).equals(today(coverage("ops.merchandising")).get("holders")));
    Map<String, Document> before = snapshot();
    int changesBefore = TopicReader.readAll(bootstrap(), Topics.CAPABILITY_CHANGES.name()).size();

    var container = listeners.getListenerContainer("capability-projector");
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
      assertThat(committed(admin).values()).allMatch(o -> o == 0);
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
          .until(() -> committed(admin).equals(endOffsets(admin)));
    }
  }

  private Map<String, Document> snapshot() {
    Map<String, Document> all = new HashMap<>();
    for (String name : List.of("coverage", "people", "partners", "event_owners", "expiries")) {
      for (Document d : database.getCollection(name).find()) {
        Document copy = new Document(d);
        copy.remove("outbox");
        copy.remove("outboxPending");
        all.put(name + "/" + d.get("_id"), copy);
      }
    }
    return all;
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (Topic t : Topics.SOURCES) {
      admin
          .describeTopics(List.of(t.name()))
          .allTopicNames()
          .get()
          .get(t.name())
          .partitions()
          .forEach(
              p -> request.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest()));
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }

  private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
    Map<TopicPartition, Long> committed = new HashMap<>();
    admin
        .listConsumerGroupOffsets(GROUP)
        .partitionsToOffsetAndMetadata()
        .get()
        .forEach(
            (tp, o) -> {
              if (o != null) committed.put(tp, o.offset());
            });
    Map<TopicPartition, Long> end = endOffsets(admin);
    end.keySet().forEach(tp -> committed.putIfAbsent(tp, 0L));
    committed.keySet().retainAll(end.keySet());
    return committed;
  }

  /** The figures of a coverage document on a day: the sum of its calendar up to that day. */
  private static Map<String, Long> on(Document coverage, LocalDate day) {
    Map<String, Long> sum = new HashMap<>();
    coverage
        .get("calendar", new Document())
        .forEach(
            (date, counters) -> {
              if (!LocalDate.parse(date).isAfter(day)) {
                ((Document) counters)
                    .forEach((k, v) -> sum.merge(k, ((Number) v).longValue(), Long::sum));
              }
            });
    sum.values().removeIf(v -> v == 0);
    return sum;
  }

  private static Map<String, Long> today(Document coverage) {
    return on(coverage, LocalDate.now());
  }

  private Document coverage(String capabilityId) {
    return database.getCollection("coverage").find(eq("_id", capabilityId)).first();
  }

  /** Qualifies the partner for the capability and makes it ACTIVE, from the start of 2026. */
  private static void activate(String partnerId, String capability) {
    send(
        EventTypes.PARTNER_QUALIFICATION_CHANGED,
        partnerId,
        new PartnerQualificationChanged(
            partnerId,
            "q-" + partnerId,
            List.of(capability),
            QualificationStatus.QUALIFIED,
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2030, 1, 1)));
    send(
        EventTypes.PARTNER_STATUS_CHANGED,
        partnerId,
        new PartnerStatusChanged(
            partnerId,
            PartnerStatus.ONBOARDING,
            PartnerStatus.ACTIVE,
            LocalDate.of(2026, 1, 1),
            null));
  }

  private static <T> void send(EventType<T> type, String key, T data) {
    CloudEvent<T> event =
        CloudEvent.of(type, "/test", OffsetDateTime.parse("2026-01-01T00:00:00Z"), key, data);
    producer.send(CODEC.toRecord(event));
    producer.flush();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
  }

  private static String bootstrap() {
    return TestInfrastructure.shared().bootstrapServers();
  }

  private static String ref() {
    return UUID.randomUUID().toString().replace("-", "")
        + UUID.randomUUID().toString().replace("-", "");
  }

  static TalentHired hire(String personRef, String capability, int level) {
    return new TalentHired(
        personRef,
        List.of(new CapabilityLevel(capability, level)),
        LocalDate.of(2026, 1, 5),
        HireType.PERMANENT);
  }

  static TrainingCompleted training(
      String enrolment, String personRef, String capability, int level) {
    return new TrainingCompleted(
        enrolment + UUID.randomUUID(),
        personRef,
        "c1",
        capability,
        true,
        null,
        level,
        LocalDate.of(2026, 2, 1));
  }

  static PartnerAgreementSigned agreement(String id, String capability, String fte) {
    return new PartnerAgreementSigned(
        id,
        "p-1",
        List.of(capability),
        new BigDecimal(fte),
        null,
        LocalDate.of(2026, 1, 1),
        null,
        30);
  }
}
