package io.captrack.projector.bench;

import static com.mongodb.client.model.Filters.eq;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.taxonomy.TaxonomyLoader;
import io.captrack.projector.CapabilityProjectorApplication;
import io.captrack.projector.coverage.CoverageProjector;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.projector.coverage.OneByOne;
import io.captrack.projector.coverage.StoredEvents;
import io.captrack.projector.readmodel.Generations;
import io.captrack.projector.timeline.PeopleIndex;
import io.captrack.projector.timeline.RandomHistories;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.captrack.testkit.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * Loads a million events into Kafka and measures, against one MongoDB server in one run: the
 * projector's sustained rate; the server's raw ceiling for unordered bulk upserts of the same
 * documents (each event into its person's document) without Kafka; and a naive projector that
 * writes one {@code updateOne} per record. Run it with {@code deploy/benchmark.sh}; it writes its
 * figures to {@code services/capability-projector/benchmark/RESULTS.md}.
 */
public final class ProjectorBenchmark {

  private static final int EVENTS = Integer.getInteger("captrack.bench.events", 1_000_000);
  private static final int NAIVE_EVENTS =
      Integer.getInteger("captrack.bench.naive-events", 100_000);
  private static final int ONE_BY_ONE_EVENTS =
      Integer.getInteger("captrack.bench.one-by-one-events", 5_000);
  private static final int MAX_POLL = Integer.getInteger("captrack.bench.max-poll", 10000);
  private static final Path RESULTS =
      Path.of(System.getProperty("captrack.bench.results", "benchmark/RESULTS.md"));

  private final CloudEventCodec codec = new CloudEventCodec();
  private final StoredEvents stored = new StoredEvents(codec);
  private final TestInfrastructure infra = TestInfrastructure.shared();

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    int status = 1;
    try {
      new ProjectorBenchmark().run();
      status = 0;
    } finally {
      // the embedded broker's threads would keep the JVM alive
      System.exit(status);
    }
  }

  private void run() throws Exception {
    Taxonomy taxonomy = TaxonomyLoader.load(new ClassPathResource("seeds/taxonomy.json"));
    List<String> capabilities =
        taxonomy.capabilities().stream().map(Taxonomy.Capability::id).toList();
    long t = System.nanoTime();
    List<CloudEvent<?>> events = generate(capabilities);
    Set<String> people = new HashSet<>();
    events.forEach(e -> PeopleIndex.personOf(e).ifPresent(people::add));
    print(
        "generated %,d events of %,d people over %d capabilities in %s",
        events.size(), people.size(), capabilities.size(), since(t));

    t = System.nanoTime();
    produce(events);
    Duration produced = since(t);
    print("produced to Kafka in %s (%,.0f events/s)", produced, rate(events.size(), produced));

    Duration raw = raw(events);
    print("raw unordered bulk upserts: %s, %,.0f events/s", raw, rate(events.size(), raw));

    Duration[] runs = projector();
    Duration projector = runs[0];
    Duration oneByOne = runs[1];
    int oneByOneCount = Math.min(ONE_BY_ONE_EVENTS, events.size());
    print("projector: %s, %,.0f events/s", projector, rate(events.size(), projector));
    print(
        "naive projector, one record at a time over the first %,d records: %s, %,.0f events/s",
        oneByOneCount, oneByOne, rate(oneByOneCount, oneByOne));
    long peopleDocs = count("bench-projector", "people");
    print("projector people documents: %,d (expected %,d)", peopleDocs, people.size());

    Duration naive = naive(NAIVE_EVENTS);
    int naiveCount = Math.min(NAIVE_EVENTS, events.size());
    print(
        "naive updateOne per record over the first %,d records: %s, %,.0f events/s",
        naiveCount, naive, rate(naiveCount, naive));

    write(
        events.size(),
        people.size(),
        capabilities.size(),
        produced,
        raw,
        projector,
        oneByOneCount,
        oneByOne,
        naiveCount,
        naive,
        peopleDocs);
  }

  private List<CloudEvent<?>> generate(List<String> capabilities) {
    RandomHistories random = new RandomHistories(20261127L, capabilities, "b-");
    List<CloudEvent<?>> events = new ArrayList<>(EVENTS + 16);
    int person = 0;
    while (events.size() < EVENTS) {
      String ref = String.format(Locale.ROOT, "%064x", person++);
      // learning events travel keyed by their learner, as learning-service sends them
      for (CloudEvent<?> e : random.person(ref)) {
        events.add(e.type().topic().equals(Topics.LEARNING_EVENTS) ? e.withPartitionKey(ref) : e);
      }
    }
    return events;
  }

  private static String owner(CloudEvent<?> e) {
    return PeopleIndex.personOf(e).orElse(e.subject());
  }

  private void produce(List<CloudEvent<?>> events) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      events.forEach(e -> producer.send(codec.toRecord(e)));
      producer.flush();
    }
  }

  /** Each event as one upsert into its owner's document, unordered bulks of 1000, no Kafka. */
  private Duration raw(List<CloudEvent<?>> events) {
    try (MongoClient client = MongoClients.create(infra.mongoUri())) {
      MongoCollection<Document> people = client.getDatabase("bench-raw").getCollection("people");
      long t = System.nanoTime();
      List<WriteModel<Document>> bulk = new ArrayList<>(1000);
      for (CloudEvent<?> e : events) {
        bulk.add(
            new UpdateOneModel<>(
                eq("_id", owner(e)),
                Updates.addToSet("events", stored.encode(e)),
                new UpdateOptions().upsert(true)));
        if (bulk.size() == 1000) {
          people.bulkWrite(bulk, new BulkWriteOptions().ordered(false));
          bulk.clear();
        }
      }
      if (!bulk.isEmpty()) {
        people.bulkWrite(bulk, new BulkWriteOptions().ordered(false));
      }
      return since(t);
    }
  }

  /**
   * The real projector, started on a loaded topic, until its group has committed every offset;
   * then, in the same context, the same projection one record at a time into another database.
   */
  private Duration[] projector() throws Exception {
    Map<String, Object> properties = new HashMap<>(infra.springProperties("bench-projector"));
    properties.put("captrack.projector.group-id", "bench-projector");
    properties.put("captrack.projector.auto-startup", "false");
    properties.put("captrack.projector.max-poll-records", MAX_POLL);
    properties.put("server.port", 0);
    properties.put("logging.level.root", "WARN");
    // whole batches of MAX_POLL records from a loaded topic: the fetch may bring that many
    properties.put(
        "spring.kafka.consumer.properties.max.partition.fetch.bytes",
        Integer.getInteger("captrack.bench.fetch-bytes", 8 * 1024 * 1024));
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    try (ConfigurableApplicationContext app =
        CapabilityProjectorApplication.application().run(args)) {
      long t = System.nanoTime();
      app.getBean(Generations.class).start();
      try (Admin admin = admin()) {
        Map<TopicPartition, Long> end = endOffsets(admin);
        long[] printed = {0};
        await()
            .atMost(Duration.ofHours(2))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  Map<TopicPartition, Long> committed = committed(admin, "bench-projector");
                  long done = committed.values().stream().mapToLong(Long::longValue).sum();
                  if (done - printed[0] >= 100_000) {
                    print("  projector at %,d records, %s", done, since(t));
                    printed[0] = done;
                  }
                  return end.entrySet().stream()
                      .allMatch(x -> committed.getOrDefault(x.getKey(), 0L) >= x.getValue());
                });
        Duration batched = since(t);
        return new Duration[] {batched, oneByOne(app)};
      }
    }
  }

  /** The projector's own code, each record its own batch: loaded, derived and written alone. */
  private Duration oneByOne(ConfigurableApplicationContext app) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-one-by-one");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (MongoClient client = MongoClients.create(infra.mongoUri());
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      CoverageStore store =
          new CoverageStore(
              client.getDatabase("bench-one-by-one"),
              ReadModel.INITIAL,
              app.getBean(Outbox.class),
              codec);
      store.seed(app.getBean(Taxonomy.class));
      OneByOne naive = new OneByOne(app.getBean(CoverageProjector.class), codec, store);
      consumer.subscribe(Topics.SOURCES.stream().map(Topic::name).toList());
      long t = System.nanoTime();
      int done = 0;
      while (done < ONE_BY_ONE_EVENTS) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (done == ONE_BY_ONE_EVENTS) {
            break;
          }
          naive.project(record);
          done++;
        }
        consumer.commitSync();
      }
      return since(t);
    }
  }

  /** One decode and one synchronous {@code updateOne} per record, committed per poll. */
  private Duration naive(int limit) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-naive");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (MongoClient client = MongoClients.create(infra.mongoUri());
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      MongoCollection<Document> people = client.getDatabase("bench-naive").getCollection("people");
      consumer.subscribe(Topics.SOURCES.stream().map(Topic::name).toList());
      long t = System.nanoTime();
      int done = 0;
      while (done < limit) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (done == limit) {
            break;
          }
          CloudEvent<?> e = codec.decode(record);
          people.updateOne(
              eq("_id", owner(e)),
              Updates.addToSet("events", stored.encode(e)),
              new UpdateOptions().upsert(true));
          done++;
        }
        consumer.commitSync();
      }
      return since(t);
    }
  }

  private long count(String database, String collection) {
    try (MongoClient client = MongoClients.create(infra.mongoUri())) {
      return client.getDatabase(database).getCollection(collection).countDocuments();
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()));
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (Topic topic : Topics.SOURCES) {
      for (int p = 0; p < topic.partitions(); p++) {
        request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }

  private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
    Map<TopicPartition, Long> committed = new HashMap<>();
    admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get()
        .forEach((tp, o) -> committed.put(tp, o == null ? 0L : o.offset()));
    return committed;
  }

  private void write(
      int events,
      int people,
      int capabilities,
      Duration produced,
      Duration raw,
      Duration projector,
      int oneByOneCount,
      Duration oneByOne,
      int naiveCount,
      Duration naive,
      long peopleDocs)
      throws IOException {
    double projectorRate = rate(events, projector);
    double rawRate = rate(events, raw);
    double naiveRate = rate(naiveCount, naive);
    double oneByOneRate = rate(oneByOneCount, oneByOne);
    String text =
        String.format(
            Locale.ROOT,
            """
            # Projector benchmark

            Written by `deploy/benchmark.sh` (class `ProjectorBenchmark` in this module's test sources) on %s.

            ## Machine

            - %s, %d cores seen by the JVM, max heap %,d MiB
            - Java %s (%s), %s %s
            - Kafka: %s infrastructure (one broker, 3 partitions per topic); MongoDB: %s

            ## Load

            %,d events of %,d people over %d capabilities (hires, leavers, redeployments, assessments,
            trainings, credentials with renewals and revocations, voids), generated with a fixed seed and
            produced to `talent.events` and `learning.events` before any measurement (%s).

            ## Figures (one run, same MongoDB server for all three)

            | what | time | events/s |
            |------|------|----------|
            | raw ceiling: unordered bulk upserts (1000 per bulk) of each event into its person's document, no Kafka | %s | %,.0f |
            | captrack projector (Kafka batches of %d, derivation, calendars, profiles, expiries, change events) | %s | %,.0f |
            | naive projector: the same projection one record at a time, one coverage `updateOne` per record (first %,d records) | %s | %,.0f |
            | minimal writer: decode and one `updateOne` per record into its person's document, no projection (first %,d records) | %s | %,.0f |

            - projector / raw ceiling: **%.2f x** (target at least 0.5 x)
            - projector / naive projector: **%.1f x** (target at least 10 x)
            - projector / minimal writer: %.2f x
            - people documents written by the projector: %,d (people in the load: %,d)

            Why the figures stand where they do, and what would move them: `README.md` next to this file.
            """,
            LocalDate.now(),
            cpu(),
            Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() / (1024 * 1024),
            System.getProperty("java.version"),
            System.getProperty("java.vm.name"),
            System.getProperty("os.name"),
            System.getProperty("os.version"),
            infra.mode(),
            infra.mode().equals("embedded")
                ? "mongo-java-server, in memory"
                : "mongo:8.0 container",
            events,
            people,
            capabilities,
            produced,
            raw,
            rawRate,
            MAX_POLL,
            projector,
            projectorRate,
            oneByOneCount,
            oneByOne,
            oneByOneRate,
            naiveCount,
            naive,
            naiveRate,
            projectorRate / rawRate,
            projectorRate / oneByOneRate,
            projectorRate / naiveRate,
            peopleDocs,
            people);
    Files.createDirectories(RESULTS.toAbsolutePath().getParent());
    Files.writeString(RESULTS, text);
    print("wrote %s", RESULTS);
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  private static double rate(long events, Duration d) {
    return events / (d.toNanos() / 1e9);
  }

  private static void print(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
  }
}
