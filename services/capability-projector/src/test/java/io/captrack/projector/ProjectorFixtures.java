package io.captrack.projector;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.projector.timeline.PeopleIndex;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/** Events, consumer-group offsets and read-model sums for the projector's integration tests. */
final class ProjectorFixtures {

  private static final CloudEventCodec CODEC = new CloudEventCodec();
  private static KafkaProducer<String, byte[]> producer;

  private ProjectorFixtures() {}

  private static synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
              new StringSerializer(),
              new ByteArraySerializer());
    }
    return producer;
  }

  static void sendRaw(org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record) {
    producer().send(record);
    producer().flush();
  }

  /** Qualifies the partner for the capability and makes it ACTIVE, from the start of 2026. */
  static void activate(String partnerId, String capability) {
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

  static <T> void send(EventType<T> type, String key, T data) {
    CloudEvent<T> event =
        CloudEvent.of(type, "/test", OffsetDateTime.parse("2026-01-01T00:00:00Z"), key, data);
    // learning events travel keyed by their learner, as learning-service sends them
    String person = PeopleIndex.personOf(event).orElse(null);
    if (type.topic().equals(Topics.LEARNING_EVENTS) && person != null) {
      event = event.withPartitionKey(person);
    }
    producer().send(CODEC.toRecord(event));
    producer().flush();
  }

  /** The value of a metric without labels, or of its first labelled series, in Prometheus text. */
  static double metric(String prometheus, String name) {
    return prometheus
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not exposed"));
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
  }

  static String bootstrap() {
    return TestInfrastructure.shared().bootstrapServers();
  }

  static String ref() {
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

  static PartnerAgreementSigned agreement(
      String partnerId, String id, String capability, String fte) {
    return new PartnerAgreementSigned(
        id,
        partnerId,
        List.of(capability),
        new BigDecimal(fte),
        null,
        LocalDate.of(2026, 1, 1),
        null,
        30);
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
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

  static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
    Map<TopicPartition, Long> committed = new HashMap<>();
    admin
        .listConsumerGroupOffsets(group)
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

  /** A capability's coverage document of generation g0, see below. */
  static Document coverage(MongoDatabase database, String capabilityId) {
    return coverage(database, ReadModel.INITIAL, capabilityId);
  }

  /**
   * A capability's coverage document with its whole calendar under {@code calendar}, read back as
   * README lays it out: the changes of each day from the capability's month documents, each of
   * which holds its month's net change, the sum of its days; the capability's document keeps its
   * total, the sum of all, and a latest month at least the latest with a change.
   */
  static Document coverage(MongoDatabase database, String generation, String capabilityId) {
    Document head =
        database
            .getCollection(ReadModel.name(generation, "coverage"))
            .find(new Document("_id", capabilityId))
            .first();
    if (head == null) {
      return null;
    }
    Document calendar = new Document();
    TreeMap<String, Map<String, Long>> sums = new TreeMap<>();
    TreeMap<String, Map<String, Long>> nets = new TreeMap<>();
    for (Document month :
        database
            .getCollection(ReadModel.name(generation, "coverage_months"))
            .find(new Document("capabilityId", capabilityId))) {
      String m = month.getString("month");
      assertThat(month.getString("_id")).isEqualTo(capabilityId + "|" + m);
      Map<String, Document> byDay = new TreeMap<>();
      month
          .get("days", new Document())
          .forEach(
              (day, counters) -> {
                assertThat(day).startsWith(m);
                ((Document) counters)
                    .forEach(
                        (k, v) ->
                            byDay
                                .computeIfAbsent(day, x -> new Document())
                                .merge(k, ((Number) v).longValue(), (a, b) -> sum(a, b)));
              });
      // README: <dd>|<counter> fields of the month document itself, each day's change of a
      // counter, beside its id, capability, month, batch numbers and net change; under d before
      Document own = new Document(month);
      Set.of("_id", "capabilityId", "month", "seq", "net", "days", "d").forEach(own::remove);
      for (Document flat : List.of(own, month.get("d", new Document()))) {
        flat.forEach(
            (key, v) -> {
              assertThat(key).matches("(0[1-9]|[12][0-9]|3[01])\\|.+");
              String day = m + "-" + key.substring(0, 2);
              byDay
                  .computeIfAbsent(day, x -> new Document())
                  .merge(key.substring(3), ((Number) v).longValue(), (a, b) -> sum(a, b));
            });
      }
      byDay.forEach(
          (day, counters) -> {
            calendar.put(day, counters);
            counters.forEach(
                (k, v) ->
                    sums.computeIfAbsent(m, x -> new TreeMap<>())
                        .merge(k, ((Number) v).longValue(), Long::sum));
          });
      month
          .get("net", new Document())
          .forEach(
              (k, v) ->
                  nets.computeIfAbsent(m, x -> new TreeMap<>())
                      .merge(k, ((Number) v).longValue(), Long::sum));
    }
    sums.values().forEach(t -> t.values().removeIf(v -> v == 0));
    sums.values().removeIf(Map::isEmpty);
    nets.values().forEach(t -> t.values().removeIf(v -> v == 0));
    nets.values().removeIf(Map::isEmpty);
    assertThat(nets).as("net change of each month of %s", capabilityId).isEqualTo(sums);
    assertThat(head.getBoolean("keepsTotal")).as("%s keeps its total", capabilityId).isTrue();
    Map<String, Long> total = new TreeMap<>();
    head.get("total", new Document())
        .forEach((k, v) -> total.merge(k, ((Number) v).longValue(), Long::sum));
    total.values().removeIf(v -> v == 0);
    Map<String, Long> all = new TreeMap<>();
    sums.values().forEach(t -> t.forEach((k, v) -> all.merge(k, v, Long::sum)));
    all.values().removeIf(v -> v == 0);
    assertThat(total).as("total of %s: the sum of its months", capabilityId).isEqualTo(all);
    if (!sums.isEmpty()) {
      assertThat(head.getString("latestMonth"))
          .as("latest month of %s", capabilityId)
          .isGreaterThanOrEqualTo(sums.lastKey());
    }
    return new Document(head).append("calendar", calendar);
  }

  private static Object sum(Object a, Object b) {
    return ((Number) a).longValue() + ((Number) b).longValue();
  }

  /** The figures of a coverage document on a day: the sum of its calendar up to that day. */
  static Map<String, Long> on(Document coverage, LocalDate day) {
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

  static Map<String, Long> today(Document coverage) {
    return on(coverage, LocalDate.now());
  }
}
