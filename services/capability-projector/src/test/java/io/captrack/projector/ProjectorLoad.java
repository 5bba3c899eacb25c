package io.captrack.projector;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.projector.timeline.PeopleIndex;
import io.captrack.projector.timeline.PersonOracle;
import io.captrack.projector.timeline.RandomHistories;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * A load of random person histories for the crash and scale-out tests: hires, leavers,
 * redeployments, assessments, trainings, credentials, voids, late and back-dated events, over
 * capabilities of the test's own so that other tests' events never count. Learning events are keyed
 * by the person, as learning-service keys them. Some records are sent twice, as a redelivering
 * producer would.
 */
final class ProjectorLoad {

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private final List<CloudEvent<?>> events;
  private final List<String> capabilities;

  private ProjectorLoad(List<CloudEvent<?>> events, List<String> capabilities) {
    this.events = events;
    this.capabilities = capabilities;
  }

  static ProjectorLoad people(long seed, String prefix, int people, List<String> capabilities) {
    RandomHistories random = new RandomHistories(seed, capabilities, prefix);
    List<CloudEvent<?>> all = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      all.addAll(random.person(personRef(prefix + "person-" + i)));
    }
    Map<String, String> personOfEvent = personOfEvent(all);
    List<CloudEvent<?>> keyed = new ArrayList<>(all.size());
    for (CloudEvent<?> e : all) {
      String person = personOfEvent.get(e.id());
      keyed.add(
          e.type().topic().equals(Topics.LEARNING_EVENTS) && person != null
              ? e.withPartitionKey(person)
              : e);
    }
    return new ProjectorLoad(keyed, List.copyOf(capabilities));
  }

  /**
   * The person each event concerns: its own, or for a void the person of the event it cancels (a
   * void of a void, that void's), as learning-service keys a void: by the learner.
   */
  private static Map<String, String> personOfEvent(List<CloudEvent<?>> events) {
    Map<String, String> personOfEvent = new HashMap<>();
    events.forEach(e -> PeopleIndex.personOf(e).ifPresent(p -> personOfEvent.put(e.id(), p)));
    for (CloudEvent<?> e : events) {
      if (e.data() instanceof EventVoided v && personOfEvent.containsKey(v.voidedEventId())) {
        personOfEvent.put(e.id(), personOfEvent.get(v.voidedEventId()));
      }
    }
    return personOfEvent;
  }

  /** A personRef as talent-service makes them: 64 hex digits (here SHA-256 of a test name). */
  static String personRef(String name) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many people have records on both talent.events and learning.events. */
  long peopleOnTwoTopics() {
    Map<String, Set<String>> topics = new HashMap<>();
    for (CloudEvent<?> e : events) {
      PeopleIndex.personOf(e)
          .ifPresent(
              p -> topics.computeIfAbsent(p, x -> new TreeSet<>()).add(e.type().topic().name()));
    }
    return topics.values().stream().filter(t -> t.size() == 2).count();
  }

  int size() {
    return events.size();
  }

  /** Sends every event, and about one in ten a second time, as an at-least-once producer may. */
  int send(String bootstrap) throws Exception {
    createTopics();
    Random random = new Random(events.size());
    int sent = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (CloudEvent<?> e : events) {
        producer.send(CODEC.toRecord(e));
        sent++;
        if (random.nextInt(10) == 0) {
          producer.send(CODEC.toRecord(e));
          sent++;
        }
      }
      producer.flush();
    }
    return sent;
  }

  /**
   * The read model's figures for the load's capabilities equal the oracle's, recomputed from the
   * raw events, at the day before the first event, weekly over the whole period, and on every day
   * an event takes effect.
   */
  void assertReadModelEqualsOracle(MongoDatabase database) {
    assertReadModelEqualsOracle(database, ReadModel.INITIAL);
  }

  /** As above, for a given read-model generation. */
  void assertReadModelEqualsOracle(MongoDatabase database, String generation) {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (LocalDate d = RandomHistories.START.minusDays(1);
        d.isBefore(RandomHistories.START.plusDays(900));
        d = d.plusDays(7)) {
      days.add(d);
    }
    events.forEach(e -> days.add(e.time().toLocalDate()));
    for (String capability : capabilities) {
      Document coverage = ProjectorFixtures.coverage(database, generation, capability);
      assertThat(coverage).as("coverage of %s", capability).isNotNull();
      for (LocalDate day : days) {
        assertThat(ProjectorFixtures.on(coverage, day))
            .as("%s on %s", capability, day)
            .isEqualTo(PersonOracle.figures(events, capability, day));
      }
    }
  }

  /**
   * Every person's events, in the {@code person_events} documents its person document names, are
   * exactly the person's events, none lost to an older copy.
   */
  void assertPeopleHoldTheirEvents(MongoDatabase database) {
    Map<String, Set<String>> expected = new HashMap<>();
    Map<String, String> personOfEvent = personOfEvent(events);
    for (CloudEvent<?> e : events) {
      String person = personOfEvent.get(e.id());
      if (person != null) {
        expected.computeIfAbsent(person, p -> new TreeSet<>()).add(e.id());
      }
    }
    for (var person : expected.entrySet()) {
      Document stored =
          database.getCollection(CoverageStore.PEOPLE).find(eq("_id", person.getKey())).first();
      assertThat(stored).as("person %s", person.getKey()).isNotNull();
      Set<String> ids = new TreeSet<>();
      for (Number n : stored.getList("chunks", Number.class)) {
        Document chunk =
            database
                .getCollection(CoverageStore.PERSON_EVENTS)
                .find(eq("_id", person.getKey() + ":" + n.longValue()))
                .first();
        assertThat(chunk).as("batch %s of %s", n, person.getKey()).isNotNull();
        chunk.getList("events", Document.class).forEach(d -> ids.add(d.getString("id")));
      }
      assertThat(ids).as("events of %s", person.getKey()).isEqualTo(person.getValue());
    }
  }

  /** The source topics with their partitions, as the services create them, before any record. */
  private static void createTopics() throws Exception {
    try (Admin admin = ProjectorFixtures.admin()) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          Topics.SOURCES.stream()
              .filter(t -> !existing.contains(t.name()))
              .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1))
              .toList();
      admin.createTopics(missing).all().get();
    }
  }

  /**
   * Commits, for a consumer group that has not consumed yet, the source topics' current ends: the
   * group then reads only the records sent after this call.
   */
  static void startGroupAtTheEnd(Admin admin, String group) throws Exception {
    createTopics();
    Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
    ProjectorFixtures.endOffsets(admin)
        .forEach((tp, end) -> ends.put(tp, new OffsetAndMetadata(end)));
    admin.alterConsumerGroupOffsets(group, ends).all().get();
  }

  /** Records committed by a consumer group over all source partitions, and records there are. */
  static long[] progress(Admin admin, String group) throws Exception {
    Map<TopicPartition, Long> end = ProjectorFixtures.endOffsets(admin);
    Map<TopicPartition, Long> committed = ProjectorFixtures.committed(admin, group);
    long done = committed.values().stream().mapToLong(Long::longValue).sum();
    long total = end.values().stream().mapToLong(Long::longValue).sum();
    return new long[] {done, total};
  }
}
