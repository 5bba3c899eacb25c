package io.captrack.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A relay whose periodic pass is an hour away publishes what a command writes at once: the write
 * wakes it for that very document, read by id (an insert, an update whose filter names the id, an
 * upsert), or for the whole collection when the filter names no id.
 */
class OutboxRelayIntegrationTests {

  private static final String COLLECTION = "things-" + UUID.randomUUID();
  private static MongoClient mongo;
  private static Producer<String, byte[]> producer;
  private static OutboxRelay relay;
  private static Outbox outbox;
  private static MongoCollection<Document> things;

  @BeforeAll
  static void start() {
    TestInfrastructure infra = TestInfrastructure.shared();
    // created before the first send: an idempotent producer whose first batches met a topic being
    // created by auto-creation could be refused for good (OutOfOrderSequenceException)
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
      Topic topic = Topics.TALENT_EVENTS;
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic.name(), topic.partitions(), (short) 1)
                      .configs(topic.configs())))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(e);
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
    mongo = MongoClients.create(infra.mongoUri());
    things = mongo.getDatabase("outbox-relay-tests").getCollection(COLLECTION);
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
    relay =
        new OutboxRelay(
            mongo.getDatabase("outbox-relay-tests"),
            producer,
            new OutboxProperties(
                List.of(COLLECTION),
                Duration.ofHours(1),
                Duration.ofSeconds(1),
                200,
                Duration.ofHours(1)),
            new SimpleMeterRegistry());
    outbox = new Outbox(new CloudEventCodec(), relay);
    relay.start();
  }

  @AfterAll
  static void stop() {
    relay.stop();
    producer.close();
    mongo.close();
  }

  @Test
  void eachWriteIsPublishedWithoutWaitingForThePeriodicPass() {
    // the relay's first pass, over everything, is at its start: this one may be published by it
    CloudEvent<?> first = hired("first");
    outbox.insert(things, new Document("_id", "t-1").append("v", 1), List.of(first));
    awaitPublished(first);

    CloudEvent<?> inserted = hired("inserted");
    outbox.insert(things, new Document("_id", "t-2").append("v", 1), List.of(inserted));
    awaitPublished(inserted);

    CloudEvent<?> updated = hired("updated");
    outbox.update(
        things,
        Filters.and(Filters.eq("_id", "t-1"), Filters.eq("v", 1)),
        Updates.set("v", 2),
        List.of(updated));
    awaitPublished(updated);

    CloudEvent<?> upserted = hired("upserted");
    outbox.update(
        things,
        Filters.eq("_id", "t-3"),
        Updates.set("v", 1),
        List.of(upserted),
        new com.mongodb.client.model.UpdateOptions().upsert(true));
    awaitPublished(upserted);

    CloudEvent<?> byField = hired("by-field");
    outbox.update(things, Filters.eq("v", 2), Updates.set("w", 1), List.of(byField));
    awaitPublished(byField);

    assertThat(relay.pendingCount()).isZero();
  }

  /**
   * Events a relay finds waiting when it starts (left by a crashed instance), more documents than
   * one pass takes: it goes on pass after pass until none waits, not one batch per poll interval.
   */
  @Test
  void aPassThatFindsAWholeBatchIsFollowedAtOnceByAnother() {
    String name = "left-" + UUID.randomUUID();
    OutboxRelay later = relay(mongo, name, 2);
    List<CloudEvent<?>> events = leaveWaiting(mongo, later, name, 7);
    later.start();
    try {
      events.forEach(OutboxRelayIntegrationTests::awaitPublished);
    } finally {
      later.stop();
    }
  }

  /**
   * Passes over whole collections are the safety net for events a crashed instance left: while they
   * find nothing left behind, each doubles the wait before the next (a full scan on a server
   * without the index on the pending marker), up to {@code maxSweepInterval}; events this instance
   * writes meanwhile wake the relay and do not count; an event left behind is still found by the
   * next pass, and a pass that finds it starts the waits again from the poll interval.
   */
  @Test
  void passesThatFindNothingBackOffAndOneThatFindsStartsAgain() {
    String name = "sweep-" + UUID.randomUUID();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    OutboxRelay sweeping =
        new OutboxRelay(
            mongo.getDatabase("outbox-relay-tests"),
            producer,
            new OutboxProperties(
                List.of(name),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                200,
                Duration.ofMillis(800)),
            meters);
    sweeping.start();
    try {
      await("the wait between passes at its longest")
          .atMost(Duration.ofSeconds(20))
          .until(() -> meters.get("captrack.outbox.sweep.interval").gauge().value() == 0.8);
      // writes of this instance wake the relay: a pass that meets their events does not count them
      Outbox writing = new Outbox(new CloudEventCodec(), sweeping);
      MongoCollection<Document> documents =
          mongo.getDatabase("outbox-relay-tests").getCollection(name);
      for (int i = 0; i < 20; i++) {
        CloudEvent<?> e = hired(name + "-w-" + i);
        writing.insert(documents, new Document("_id", "w-" + i), List.of(e));
        awaitPublished(e);
      }
      assertThat(meters.get("captrack.outbox.sweeps").tag("result", "found").counter().count())
          .isZero();
      // written by another instance a moment ago, or read between a write and its wake-up: the
      // pass publishes it without counting it as left behind
      OutboxRelay other = relay(mongo, name, 200);
      List<CloudEvent<?>> recent = leaveWaiting(mongo, other, name, 1, Instant.now());
      awaitPublished(recent.get(0));
      assertThat(meters.get("captrack.outbox.sweeps").tag("result", "found").counter().count())
          .isZero();
      // written as a crashed instance leaves it, a minute before: the running relay was not woken
      List<CloudEvent<?>> left =
          leaveWaiting(mongo, other, name, 1, Instant.now().minus(Duration.ofMinutes(1)));
      awaitPublished(left.get(0));
      await("the pass that found it counted")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  meters.get("captrack.outbox.sweeps").tag("result", "found").counter().count()
                      == 1);
      assertThat(meters.get("captrack.outbox.sweeps").tag("result", "nothing").counter().count())
          .isGreaterThanOrEqualTo(3);
    } finally {
      sweeping.stop();
    }
  }

  /**
   * Writes from several threads at once, each waking the relay for its document while the relay
   * takes the ids woken so far: every event goes out on a wake-up, none waits for the next pass
   * over whole collections (an hour away here). A wake-up that added its id to a set the relay had
   * just taken was lost until that pass; under a steady load on a busy machine, some events waited.
   */
  @Test
  void concurrentWritesAreAllPublishedByTheirWakeUps() throws Exception {
    String name = "concurrent-" + UUID.randomUUID();
    MongoCollection<Document> documents =
        mongo.getDatabase("outbox-relay-tests").getCollection(name);
    OutboxRelay woken = relay(mongo, name, 200);
    woken.start();
    java.util.concurrent.ExecutorService writers =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      Outbox writing = new Outbox(new CloudEventCodec(), woken);
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < 300; i++) {
                    String id = "c-" + thread + "-" + i;
                    writing.insert(documents, new Document("_id", id), List.of(hired(id)));
                  }
                }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      await("every event published on its wake-up")
          .atMost(Duration.ofSeconds(20))
          .until(() -> woken.pendingCount() == 0);
    } finally {
      writers.shutdownNow();
      woken.stop();
    }
  }

  /**
   * A pass that publishes the events of many documents removes them from their outboxes with one
   * write command, not one per document: on a busy server each round trip counts.
   */
  @Test
  void aPassRemovesWhatItPublishedInOneWrite() {
    String name = "many-" + UUID.randomUUID();
    List<String> updates = new java.util.concurrent.CopyOnWriteArrayList<>();
    CommandListener counting =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("update")
                && name.equals(event.getCommand().getString("update").getValue())) {
              updates.add(name);
            }
          }
        };
    try (MongoClient watched = TestInfrastructure.shared().mongoClient(counting)) {
      OutboxRelay later = relay(watched, name, 50);
      List<CloudEvent<?>> events = leaveWaiting(watched, later, name, 9);
      later.start();
      try {
        events.forEach(OutboxRelayIntegrationTests::awaitPublished);
        await("outboxes emptied")
            .atMost(Duration.ofSeconds(20))
            .until(() -> later.pendingCount() == 0);
      } finally {
        later.stop();
      }
      assertThat(updates).as("update commands of the one pass").hasSize(1);
    }
  }

  /**
   * A pass over a whole collection is a full scan on a server without the index on the pending
   * marker (0.5 to 0.8 s over the benchmark's 125,000 expiries). It runs on a thread of its own:
   * held inside its scan here, it does not hold back the events of a document written meanwhile,
   * which go out on their write's wake-up; what the held pass finds it hands over once it ends.
   */
  @Test
  void aPassOverAWholeCollectionDoesNotHoldBackWrittenDocuments() throws Exception {
    String name = "held-" + UUID.randomUUID();
    java.util.concurrent.CountDownLatch inScan = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    CommandListener holding =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")
                && name.equals(event.getCommand().getString("find").getValue())
                && !event.getCommand().getDocument("filter").containsKey("_id")) {
              inScan.countDown();
              try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    try (MongoClient watched = TestInfrastructure.shared().mongoClient(holding)) {
      OutboxRelay relay = relay(watched, name, 50);
      List<CloudEvent<?>> left = leaveWaiting(watched, relay, name, 2);
      relay.start();
      try {
        assertThat(inScan.await(20, java.util.concurrent.TimeUnit.SECONDS))
            .as("the pass at start is in its scan")
            .isTrue();
        CloudEvent<?> written = hired(name + "-written");
        new Outbox(new CloudEventCodec(), relay)
            .insert(
                watched.getDatabase("outbox-relay-tests").getCollection(name),
                new Document("_id", "written"),
                List.of(written));
        awaitPublished(written);
        assertThat(release.getCount()).as("the pass is still held").isEqualTo(1);
        release.countDown();
        left.forEach(OutboxRelayIntegrationTests::awaitPublished);
      } finally {
        release.countDown();
        relay.stop();
      }
    }
  }

  /**
   * A versioned aggregate created by an upsert is at version 1, answered without reading it back
   * (one round trip less for every new person a hire creates); one that came to exist meanwhile
   * takes the change at its next version, read back. Each change carries its event.
   */
  @Test
  void aCreationAnswersTheVersionItLeft() {
    String id = "v-" + UUID.randomUUID();
    List<String> finds = new java.util.concurrent.CopyOnWriteArrayList<>();
    CommandListener counting =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")
                && COLLECTION.equals(event.getCommand().getString("find").getValue())) {
              finds.add(event.getCommand().toJson());
            }
          }
        };
    try (MongoClient watched = TestInfrastructure.shared().mongoClient(counting)) {
      Versioned versioned =
          new Versioned(
              watched.getDatabase("outbox-relay-tests").getCollection(COLLECTION), outbox, "thing");
      CloudEvent<?> first = hired(id + "-1");
      assertThat(versioned.create(id, Updates.set("n", 1), List.of(first))).isEqualTo(1L);
      assertThat(finds).as("reads of the created aggregate").isEmpty();
      CloudEvent<?> second = hired(id + "-2");
      assertThat(versioned.create(id, Updates.set("n", 2), List.of(second))).isEqualTo(2L);
      assertThat(finds).as("the existing aggregate's version read back").hasSize(1);
      assertThat(Versioned.version(versioned.load(id))).isEqualTo(2L);
      assertThat(versioned.load(id).getInteger("n")).isEqualTo(2);
      awaitPublished(first);
      awaitPublished(second);
    }
  }

  /** A relay over one collection, its periodic pass an hour away, not started. */
  private static OutboxRelay relay(MongoClient client, String collection, int batchSize) {
    return new OutboxRelay(
        client.getDatabase("outbox-relay-tests"),
        producer,
        new OutboxProperties(
            List.of(collection),
            Duration.ofHours(1),
            Duration.ofSeconds(1),
            batchSize,
            Duration.ofHours(1)),
        new SimpleMeterRegistry());
  }

  /** Documents with one event each, written before their relay starts (as a crash leaves them). */
  private static List<CloudEvent<?>> leaveWaiting(
      MongoClient client, OutboxRelay relay, String collection, int count) {
    return leaveWaiting(client, relay, collection, count, Instant.now());
  }

  /** Events recorded at {@code recordedAt} in new documents, the running relay not woken. */
  private static List<CloudEvent<?>> leaveWaiting(
      MongoClient client, OutboxRelay relay, String collection, int count, Instant recordedAt) {
    MongoCollection<Document> documents =
        client.getDatabase("outbox-relay-tests").getCollection(collection);
    Outbox before = new Outbox(new CloudEventCodec(), relay);
    List<CloudEvent<?>> events = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      CloudEvent<?> e = hired(collection + "-" + UUID.randomUUID(), recordedAt);
      events.add(e);
      before.insert(documents, new Document("_id", "d-" + UUID.randomUUID()), List.of(e));
    }
    return events;
  }

  /**
   * Guarded upserts in one bulk: a document that has the write already (its seq is not below the
   * write's) refuses it on its id and takes neither the update nor its events; a document that does
   * not exist is created; a repeat of the same writes changes nothing.
   */
  @Test
  void upsertOnceAppliesEachGuardedWriteOnce() {
    things.insertOne(new Document("_id", "g-old").append("seq", 5).append("v", 1));
    CloudEvent<?> created = hired("created");
    CloudEvent<?> stale = hired("stale");
    List<Outbox.Write> writes =
        List.of(
            new Outbox.Write(guard("g-new", 5), write(5), List.of(created)),
            new Outbox.Write(guard("g-old", 5), write(5), List.of(stale)));

    assertThat(outbox.upsertOnce(things, writes)).containsExactly(true, false);
    awaitPublished(created);
    assertThat(things.find(Filters.eq("_id", "g-new")).first().getInteger("v")).isEqualTo(1);
    Document old = things.find(Filters.eq("_id", "g-old")).first();
    assertThat(old.getInteger("v")).isEqualTo(1);
    assertThat(old.get(Outbox.EVENTS)).as("the refused write's events").isNull();

    assertThat(outbox.upsertOnce(things, writes)).containsExactly(false, false);
    assertThat(things.find(Filters.eq("_id", "g-new")).first().getInteger("v")).isEqualTo(1);
  }

  private static org.bson.conversions.Bson write(int n) {
    return Updates.combine(Updates.inc("v", 1), Updates.set("seq", n));
  }

  /** The document by id, only while its seq is below n (or it has none). */
  private static Document guard(String id, int n) {
    return new Document("_id", id)
        .append(
            "$or",
            List.of(
                new Document("seq", new Document("$exists", false)),
                new Document("seq", new Document("$lt", n))));
  }

  private static void awaitPublished(CloudEvent<?> event) {
    await(event.id() + " on " + Topics.TALENT_EVENTS.name())
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                TopicReader.readAll(
                        TestInfrastructure.shared().bootstrapServers(), Topics.TALENT_EVENTS.name())
                    .stream()
                    .anyMatch(
                        r -> {
                          var id = r.headers().lastHeader(CloudEventCodec.ID);
                          return id != null
                              && event.id().equals(new String(id.value(), StandardCharsets.UTF_8));
                        }));
  }

  private static CloudEvent<TalentHired> hired(String who) {
    return hired(who, Instant.now());
  }

  private static CloudEvent<TalentHired> hired(String who, Instant recordedAt) {
    LocalDate day = LocalDate.of(2026, 1, 5);
    return new CloudEvent<>(
        UUID.randomUUID().toString(),
        "/tests",
        EventTypes.TALENT_HIRED,
        day.atStartOfDay().atOffset(ZoneOffset.UTC),
        who,
        recordedAt,
        new TalentHired(who, List.of(new CapabilityLevel("data.ml", 3)), day, HireType.PERMANENT));
  }
}
