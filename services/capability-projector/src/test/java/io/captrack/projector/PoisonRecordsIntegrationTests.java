package io.captrack.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.projector.deadletter.DeadLetterPublisher;
import io.captrack.projector.timeline.PersonOracle;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.captrack.schemas.capability.CapabilityTargetSet;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.partner.QualificationStatus;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A corpus of raw records that no captrack producer would send, produced straight to the four event
 * topics with a plain Kafka producer and interleaved with valid events, among them plain
 * CloudEvents without captrack's extensions. Every poison record lands in its {@code .dlt} with a
 * reason, every valid event is applied (the read model equals the oracle), and the consumer group
 * reaches the end of every partition within seconds, health UP.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=capability-projector",
      "captrack.projector.group-id=projector-poison-it"
    })
class PoisonRecordsIntegrationTests {

  private static final CloudEventCodec CODEC = new CloudEventCodec();
  private static final String A = "poison.a";
  private static final String B = "poison.b";
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

  @LocalServerPort int port;
  @Autowired MongoDatabase database;

  private final List<ProducerRecord<String, byte[]>> poison = new ArrayList<>();
  private final Map<ProducerRecord<String, byte[]>, String> why = new HashMap<>();
  private final List<CloudEvent<?>> valid = new ArrayList<>();
  private final List<ProducerRecord<String, byte[]>> sequence = new ArrayList<>();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "projector-poison-it");
  }

  @Test
  void poisonGoesToTheDeadLetterTopicsAndEverythingElseIsApplied() throws Exception {
    String ann = ref();
    String ben = ref();
    String cat = ref();
    String partner = "p-" + UUID.randomUUID();

    // faults of headers and payload, on each of the four topics
    List<Sample> samples =
        List.of(
            new Sample(Topics.TALENT_EVENTS, EventTypes.TALENT_HIRED, ann, hireJson(ann, A, 3)),
            new Sample(
                Topics.LEARNING_EVENTS, EventTypes.TRAINING_COMPLETED, ann, trainingJson(ann)),
            new Sample(
                Topics.PARTNER_EVENTS,
                EventTypes.PARTNER_AGREEMENT_SIGNED,
                partner,
                agreementJson(partner, "2.5")),
            new Sample(
                Topics.PLANNING_EVENTS,
                EventTypes.CAPABILITY_TARGET_SET,
                A,
                targetJson(A, "1", 1)));
    valid(hire(ann, A, 3));
    for (Sample sample : samples) {
      everyTopicGets(sample);
    }

    // talent.events
    String hired = hireJson(ben, A, 2);
    poison("missing startDate", talent(ben, hired.replace("\"startDate\":\"2026-01-05\",", "")));
    poison("level 9", talent(ben, hireJson(ben, A, 9)));
    poison("year 999999", talent(ben, hired.replace("2026-01-05", "999999-01-05")));
    poison("year 1066", talent(ben, hired.replace("2026-01-05", "1066-10-14")));
    poison("unknown capability", talent(ben, hireJson(ben, "data.nope", 3)));
    poison("personRef not a hash", talent("ann", hireJson("ann", A, 3)));
    poison("key is not the personRef", talent(ann, hireJson(ben, A, 3)));
    poison(
        "invalid UTF-8",
        rawBytes(
            Topics.TALENT_EVENTS,
            EventTypes.TALENT_HIRED,
            ben,
            new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}));
    poison(
        "a payload of 1 MB",
        talent(
            ben,
            hired.substring(0, hired.length() - 1)
                + ",\"pad\":\""
                + "x".repeat(1_000_000)
                + "\"}"));
    valid(hire(ben, A, 4));

    // learning.events, keyed by the learner
    valid(training(ann, B, 3));
    poison("completion of the wrong shape", learning(ann, "{\"enrolmentId\":{\"a\":1}}"));
    poison("completion keyed by its enrolment", learning("e-1", trainingJson(ann)));
    valid(plain(hire(cat, B, 2)));

    // partner.events
    valid(qualified(partner));
    valid(active(partner));
    String signed = agreementJson(partner, "2.5");
    poison("capacityFte 2.555", partnerRecord(partner, agreementJson(partner, "2.555")));
    poison("capacityFte 1e308", partnerRecord(partner, agreementJson(partner, "1e308")));
    poison("partnerId with a dot", partnerRecord("p.1", signed.replace(partner, "p.1")));
    poison("partnerId with a leading $", partnerRecord("$p", signed.replace(partner, "$p")));
    poison(
        "subject is not the partnerId",
        partnerRecord(partner, signed),
        h -> {
          replace(h, "ce_subject", "p-elsewhere");
        });
    valid(plain(agreement(partner)));

    // planning.events
    valid(target(A, "3", 5));
    poison("target with negative fte", planning(A, targetJson(A, "-1", 5)));
    poison(
        "target for an unknown capability", planning("data.nope", targetJson("data.nope", "1", 1)));
    poison("empty value", raw(Topics.PLANNING_EVENTS, EventTypes.CAPABILITY_TARGET_SET, A, ""));

    Map<ProducerRecord<String, byte[]>, RecordMetadata> sent = send();
    Instant sentAt = Instant.now();
    Set<String> kinds = new HashSet<>();
    why.values().forEach(w -> kinds.add(w.contains(": ") ? w.substring(w.indexOf(": ") + 2) : w));
    assertThat(kinds).as("distinct kinds of poison").hasSizeGreaterThanOrEqualTo(25);
    for (Topic topic : Topics.SOURCES) {
      assertThat(poison.stream().filter(p -> p.topic().equals(topic.name())))
          .as("poison records on %s", topic.name())
          .hasSizeGreaterThanOrEqualTo(15);
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              try (var admin = ProjectorFixtures.admin()) {
                long[] progress = ProjectorLoad.progress(admin, "projector-poison-it");
                assertThat(progress[0]).isEqualTo(progress[1]);
              }
            });
    Duration caughtUp = Duration.between(sentAt, Instant.now());
    assertThat(caughtUp).as("every partition reached its end").isLessThan(Duration.ofSeconds(20));

    Map<String, List<ConsumerRecord<String, byte[]>>> dlt = new HashMap<>();
    for (Topic t : Topics.SOURCES) {
      dlt.put(t.name(), TopicReader.readAll(ProjectorFixtures.bootstrap(), t.deadLetter()));
    }
    for (ProducerRecord<String, byte[]> p : poison) {
      RecordMetadata at = sent.get(p);
      assertThat(dlt.get(p.topic()))
          .as("dead letter for %s", why.get(p))
          .anySatisfy(
              d -> {
                assertThat(d.partition()).isEqualTo(at.partition());
                assertThat(DeadLetterPublisher.originalOffset(d)).isEqualTo(at.offset());
                assertThat(CloudEventCodec.header(d.headers(), DeadLetterPublisher.REASON))
                    .isNotBlank();
              });
    }
    for (ProducerRecord<String, byte[]> r : sequence) {
      if (!poison.contains(r)) {
        RecordMetadata at = sent.get(r);
        assertThat(dlt.get(r.topic()))
            .as("a valid record is not dead-lettered")
            .noneMatch(
                d ->
                    d.partition() == at.partition()
                        && DeadLetterPublisher.originalOffset(d) == at.offset());
      }
    }

    List<CloudEvent<?>> people =
        valid.stream()
            .filter(
                e ->
                    e.type().topic().equals(Topics.TALENT_EVENTS)
                        || e.type().topic().equals(Topics.LEARNING_EVENTS))
            .toList();
    for (String capability : List.of(A, B)) {
      Document coverage = ProjectorFixtures.coverage(database, capability);
      Map<String, Long> expected = new HashMap<>(PersonOracle.figures(people, capability, DAY));
      Map<String, Long> stored = new HashMap<>(ProjectorFixtures.on(coverage, DAY));
      Long fte = stored.remove("fte");
      stored.keySet().removeIf(k -> k.startsWith("fte:") || k.startsWith("ttc:BORROW"));
      assertThat(stored).as(capability).isEqualTo(expected);
      // README: a partner lends while ACTIVE, qualified and under an agreement in force
      assertThat(fte)
          .as("%s partner FTE in hundredths", capability)
          .isEqualTo(A.equals(capability) ? 250L : null);
    }
    Document a = ProjectorFixtures.coverage(database, A);
    assertThat(a.get("targets", Document.class)).hasSize(1);
    String health = HttpJson.local(port).get("/actuator/health").body();
    assertThat(health).contains("\"status\":\"UP\"");
  }

  private Map<ProducerRecord<String, byte[]>, RecordMetadata> send() throws Exception {
    Map<ProducerRecord<String, byte[]>, Future<RecordMetadata>> futures = new HashMap<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ProjectorFixtures.bootstrap(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                2 * 1024 * 1024),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (ProducerRecord<String, byte[]> r : sequence) {
        futures.put(r, producer.send(r));
      }
      producer.flush();
    }
    Map<ProducerRecord<String, byte[]>, RecordMetadata> sent = new HashMap<>();
    for (var f : futures.entrySet()) {
      sent.put(f.getKey(), f.getValue().get());
    }
    return sent;
  }

  /** A valid payload of a topic's type, keyed as captrack keys it, to spoil in every way. */
  private record Sample(Topic topic, EventType<?> type, String key, String json) {}

  /** Faults of headers and payload that any topic can receive, each on the sample's topic. */
  private void everyTopicGets(Sample s) {
    String on = s.topic().name() + ": ";
    EventType<?> foreign =
        s.topic().equals(Topics.TALENT_EVENTS)
            ? EventTypes.TRAINING_COMPLETED
            : EventTypes.TALENT_HIRED;
    poison(on + "no ce_specversion", sample(s), h -> h.remove(CloudEventCodec.SPEC_VERSION));
    poison(on + "ce_specversion 0.3", sample(s), h -> replace(h, "ce_specversion", "0.3"));
    poison(on + "unknown ce_type", sample(s), h -> replace(h, "ce_type", "x.fired.v1"));
    poison(on + "no ce_id", sample(s), h -> h.remove(CloudEventCodec.ID));
    poison(on + "ce_time not a time", sample(s), h -> replace(h, "ce_time", "yesterday"));
    poison(on + "ce_id with a leading $", sample(s), h -> replace(h, "ce_id", "$where"));
    poison(on + "a 10 kB ce_id", sample(s), h -> replace(h, "ce_id", "i".repeat(10_240)));
    poison(
        on + "ce_source not UTF-8",
        sample(s),
        h -> {
          h.remove(CloudEventCodec.SOURCE);
          h.add(CloudEventCodec.SOURCE, new byte[] {(byte) 0xFF, (byte) 0xFE});
        });
    // printable but blank: CloudEvent's own rule refused it with an exception the gate let through,
    // and the batch was retried without end
    poison(on + "a blank ce_source", sample(s), h -> replace(h, "ce_source", "   "));
    poison(
        on + "content-type text/plain",
        sample(s),
        h -> {
          h.remove(CloudEventCodec.CONTENT_TYPE);
          h.add(CloudEventCodec.CONTENT_TYPE, "text/plain".getBytes(StandardCharsets.UTF_8));
        });
    poison(on + "not JSON", raw(s.topic(), s.type(), s.key(), "hello"));
    poison(on + "JSON array", raw(s.topic(), s.type(), s.key(), "[1,2,3]"));
    poison(
        on + "invalid UTF-8",
        rawBytes(
            s.topic(),
            s.type(),
            s.key(),
            new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}));
    poison(
        on + "a payload of 1 MB",
        raw(
            s.topic(),
            s.type(),
            s.key(),
            s.json().substring(0, s.json().length() - 1)
                + ",\"pad\":\""
                + "x".repeat(1_000_000)
                + "\"}"));
    poison(on + "a type of another topic", raw(s.topic(), foreign, s.key(), s.json()));
    poison(on + "no Kafka key", rawBytes(s.topic(), s.type(), null, bytes(s.json())));
  }

  private static ProducerRecord<String, byte[]> sample(Sample s) {
    return raw(s.topic(), s.type(), s.key(), s.json());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void valid(CloudEvent<?> event) {
    valid.add(event);
    sequence.add(CODEC.toRecord(event));
  }

  private void valid(ProducerRecord<String, byte[]> plainRecord) {
    sequence.add(plainRecord);
  }

  private void poison(String reason, ProducerRecord<String, byte[]> record) {
    poison(reason, record, h -> {});
  }

  private void poison(
      String reason, ProducerRecord<String, byte[]> record, Consumer<Headers> spoil) {
    spoil.accept(record.headers());
    poison.add(record);
    why.put(record, reason);
    sequence.add(record);
  }

  /** A valid event as another producer sends it: no recordedat, no time, no subject. */
  private ProducerRecord<String, byte[]> plain(CloudEvent<?> event) {
    valid.add(event);
    ProducerRecord<String, byte[]> r = CODEC.toRecord(event);
    r.headers().remove(CloudEventCodec.RECORDED_AT);
    r.headers().remove(CloudEventCodec.TIME);
    r.headers().remove(CloudEventCodec.SUBJECT);
    return r;
  }

  private static void replace(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static CloudEvent<TalentHired> hire(String person, String capability, int level) {
    return event(
        EventTypes.TALENT_HIRED, person, ProjectorFixtures.hire(person, capability, level));
  }

  private static ProducerRecord<String, byte[]> hireRecord(String person, String capability) {
    return CODEC.toRecord(hire(person, capability, 3));
  }

  private static CloudEvent<TrainingCompleted> training(
      String person, String capability, int level) {
    TrainingCompleted t = ProjectorFixtures.training("e-", person, capability, level);
    return event(EventTypes.TRAINING_COMPLETED, t.enrolmentId(), t).withPartitionKey(person);
  }

  private static CloudEvent<PartnerQualificationChanged> qualified(String partner) {
    return event(
        EventTypes.PARTNER_QUALIFICATION_CHANGED,
        partner,
        new PartnerQualificationChanged(
            partner,
            "q-1",
            List.of(A),
            QualificationStatus.QUALIFIED,
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2028, 1, 1)));
  }

  private static CloudEvent<PartnerStatusChanged> active(String partner) {
    return event(
        EventTypes.PARTNER_STATUS_CHANGED,
        partner,
        new PartnerStatusChanged(
            partner,
            PartnerStatus.ONBOARDING,
            PartnerStatus.ACTIVE,
            LocalDate.of(2026, 1, 1),
            null));
  }

  private static CloudEvent<PartnerAgreementSigned> agreement(String partner) {
    return event(
        EventTypes.PARTNER_AGREEMENT_SIGNED,
        partner,
        new PartnerAgreementSigned(
            "a-1",
            partner,
            List.of(A),
            new BigDecimal("2.5"),
            null,
            LocalDate.of(2026, 1, 1),
            null,
            30));
  }

  private static CloudEvent<CapabilityTargetSet> target(
      String capability, String fte, int headcount) {
    return event(
        EventTypes.CAPABILITY_TARGET_SET,
        capability,
        new CapabilityTargetSet(
            capability, 3, headcount, new BigDecimal(fte), LocalDate.of(2026, 1, 1), "plan"));
  }

  /** Ids end in a sequence number, which the person oracle orders by. */
  private static <T> CloudEvent<T> event(EventType<T> type, String subject, T data) {
    return new CloudEvent<>(
        "poison-" + SEQUENCE.incrementAndGet(),
        "/poison-test",
        type,
        OffsetDateTime.parse("2026-01-05T00:00:00Z"),
        subject,
        Instant.now(),
        data);
  }

  private static String hireJson(String person, String capability, int level) {
    return "{\"personRef\":\""
        + person
        + "\",\"capabilities\":[{\"capabilityId\":\""
        + capability
        + "\",\"level\":"
        + level
        + "}],\"startDate\":\"2026-01-05\",\"hireType\":\"PERMANENT\"}";
  }

  private static String trainingJson(String person) {
    return "{\"enrolmentId\":\"e-x\",\"personRef\":\""
        + person
        + "\",\"courseId\":\"c1\",\"capabilityId\":\""
        + B
        + "\",\"success\":true,\"levelAwarded\":3,\"completedOn\":\"2026-02-01\"}";
  }

  private static String agreementJson(String partner, String fte) {
    return "{\"agreementId\":\"a-2\",\"partnerId\":\""
        + partner
        + "\",\"capabilities\":[\""
        + A
        + "\"],\"capacityFte\":"
        + fte
        + ",\"effectiveFrom\":\"2026-01-01\",\"noticeDays\":30}";
  }

  private static String targetJson(String capability, String fte, int headcount) {
    return "{\"capabilityId\":\""
        + capability
        + "\",\"level\":3,\"headcount\":"
        + headcount
        + ",\"fte\":"
        + fte
        + ",\"effectiveFrom\":\"2026-01-01\"}";
  }

  private static ProducerRecord<String, byte[]> talent(String key, String json) {
    return raw(Topics.TALENT_EVENTS, EventTypes.TALENT_HIRED, key, json);
  }

  private static ProducerRecord<String, byte[]> learning(String key, String json) {
    return raw(Topics.LEARNING_EVENTS, EventTypes.TRAINING_COMPLETED, key, json);
  }

  private static ProducerRecord<String, byte[]> partnerRecord(String key, String json) {
    return raw(Topics.PARTNER_EVENTS, EventTypes.PARTNER_AGREEMENT_SIGNED, key, json);
  }

  private static ProducerRecord<String, byte[]> planning(String key, String json) {
    return raw(Topics.PLANNING_EVENTS, EventTypes.CAPABILITY_TARGET_SET, key, json);
  }

  private static ProducerRecord<String, byte[]> raw(
      Topic topic, EventType<?> type, String key, String json) {
    return rawBytes(topic, type, key, json.getBytes(StandardCharsets.UTF_8));
  }

  /** A record with correct {@code ce_*} headers around any value, keyed as given. */
  private static ProducerRecord<String, byte[]> rawBytes(
      Topic topic, EventType<?> type, String key, byte[] value) {
    ProducerRecord<String, byte[]> r =
        CloudEventCodec.toRecord(
            topic.name(),
            UUID.randomUUID().toString(),
            "/console-producer",
            type.name(),
            OffsetDateTime.parse("2026-01-05T00:00:00Z"),
            key == null ? "no-key" : key,
            Instant.now(),
            value);
    return new ProducerRecord<>(topic.name(), null, key, value, r.headers());
  }

  private static String ref() {
    return ProjectorFixtures.ref();
  }
}
