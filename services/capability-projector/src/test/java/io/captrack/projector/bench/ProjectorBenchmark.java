package io.captrack.projector.bench;

import static com.mongodb.client.model.Filters.eq;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.taxonomy.TaxonomyLoader;
import io.captrack.projector.CapabilityProjectorApplication;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.projector.coverage.StoredEvents;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topics;
import io.captrack.testkit.ServerTimes;
import io.captrack.testkit.TestInfrastructure;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * The projector benchmark (run by {@code deploy/benchmark.sh}, never by the tests). One run, one
 * broker and one MongoDB server for everything; two loads one after the other (recent, then
 * back-dated), each measured four ways: the raw ceiling, the MongoDB Kafka sink connector, the
 * projector in a JVM of its own with {@code -Xmx512m}, and the naive projector (one record at a
 * time). On the recent load, also a rebuild of the whole log into a new generation. Writes
 * RESULTS.md and throughput.svg.
 */
public final class ProjectorBenchmark {

  private static final int EVENTS = Integer.getInteger("captrack.bench.events", 1_000_000);
  private static final int BACK_DATED =
      Integer.getInteger("captrack.bench.back-dated-events", EVENTS / 2);
  private static final int NAIVE = Integer.getInteger("captrack.bench.naive-events", 20_000);

  /**
   * Records the naive projector goes through first, unmeasured, into a database then dropped: its
   * code was cold on the first load and half warm on the second when it ran in this JVM (until run
   * 72; it has a JVM of its own for each load since), and its rate over the first 6,000 records
   * swung from 192 to 370 events/s on the recent load and from 325 to 549 on the back-dated one
   * (runs 41 to 51, two runs of each commit).
   */
  static final int NAIVE_WARM_UP = Integer.getInteger("captrack.bench.naive-warm-up", 3_000);

  /**
   * Measured rounds of the naive projector, each over the same records into a fresh database. One
   * round of 6,000 records swung from 379 to 490 events/s on the recent load and from 306 to 579 on
   * the back-dated one in runs 59, 60 and 62 of the same code, while the projector moved by under a
   * sixth: the ratio between them moved with the baseline. Three since run 73 (two before).
   */
  static final int NAIVE_ROUNDS = Integer.getInteger("captrack.bench.naive-rounds", 3);

  private static final List<String> LOADS =
      List.of(System.getProperty("captrack.bench.loads", "recent,back-dated").split(","));
  private static final Duration REBUILD_LIMIT =
      Duration.ofSeconds(Long.getLong("captrack.bench.rebuild-limit-seconds", 360));
  private static final int MAX_POLL = Integer.getInteger("captrack.bench.max-poll", 5000);
  private static final Duration QUERY_TIME =
      Duration.ofSeconds(Long.getLong("captrack.bench.query-seconds", 20));

  /**
   * capability-api and talent-service start just before the query and end-to-end measurements: each
   * runs unmeasured for this long first, while the JIT compilers take up to a core (measured: C1
   * and C2 at 0.7 of a core in talent-service's first minute at 50 hires/s). After 60 s at 200
   * hires/s, talent-service still took 2.8 to 3.4 ms of processor per hire and end-to-end latency
   * was still falling; after 180 s, 1.9 ms, and it held steady.
   */
  private static final Duration WARM_UP =
      Duration.ofSeconds(Long.getLong("captrack.bench.warm-up-seconds", 180));

  private static final int E2E_RATE = Integer.getInteger("captrack.bench.e2e-rate", 200);
  private static final Duration E2E_TIME =
      Duration.ofSeconds(Long.getLong("captrack.bench.e2e-seconds", 60));
  private static final String HEAP = System.getProperty("captrack.bench.projector-heap", "512m");
  private static final Path OUT =
      Path.of(System.getProperty("captrack.bench.results", "benchmark"));
  private static final Path SINK_LIB =
      Path.of(System.getProperty("captrack.bench.sink-lib", "target/sink-lib"));

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
    } catch (Throwable t) {
      // printed here: the exit below ends the JVM before an uncaught exception would be
      System.err.println("[bench] the run failed:");
      t.printStackTrace();
    } finally {
      // the broker's and the server's threads would keep a failed run alive
      System.exit(status);
    }
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
      // the taxonomy the projector reads by default; no projector runs in this JVM (until run 73
      // one did, unstarted, for the naive projector, its outbox relay polling the server)
      List<String> capabilities =
          TaxonomyLoader.load(new ClassPathResource("seeds/taxonomy.json")).capabilities().stream()
              .filter(c -> !c.area().equals("test"))
              .map(Taxonomy.Capability::id)
              .toList();
      createTopics(admin);
      List<BenchRun> runs = new ArrayList<>();
      for (String name : LOADS) {
        runs.add(measure(admin, name, capabilities));
      }
      // last: at the start, this JVM's compiler is still busy with the broker's and the server's
      // code, and the derivations waited for it (13 us for a new person, against 1 us warm)
      double[] cost = new DerivationCost(capabilities).measure(300);
      print(
          "derivation of one more event: %.1f us with 5,000 events, %.1f us new; of a void: %.1f"
              + " us with 5,000 events, %.1f us new",
          cost[0], cost[1], cost[2], cost[3]);
      double minutes = (System.nanoTime() - started) / 60e9;
      Files.createDirectories(OUT);
      Map<String, List<Progress.Sample>> chart = new LinkedHashMap<>();
      for (BenchRun r : runs) {
        chart.put("projector, " + r.load().name(), r.projector());
        chart.put("sink connector, " + r.load().name(), r.sink());
      }
      Files.writeString(
          OUT.resolve("throughput.svg"),
          Chart.svg("Events per second: projector (-Xmx" + HEAP + ") and sink connector", chart));
      Files.writeString(
          OUT.resolve("RESULTS.md"),
          new BenchReport(infra.mode(), MAX_POLL, HEAP).markdown(runs, cost, minutes));
      print("wrote %s and throughput.svg after %.1f minutes", OUT.resolve("RESULTS.md"), minutes);
    }
  }

  private BenchRun measure(Admin admin, String name, List<String> capabilities) throws Exception {
    long t = System.nanoTime();
    boolean recent = name.equals("recent");
    BenchLoad load = BenchLoad.generate(name, recent, recent ? EVENTS : BACK_DATED, capabilities);
    print(
        "%s load: %,d events (%.1f%% partner events) of %,d people and %,d partners, generated in %.0f s",
        name,
        load.events().size(),
        100 * load.partnerShare(),
        load.people(),
        load.partners(),
        (System.nanoTime() - t) / 1e9);
    Map<TopicPartition, Long> start = Progress.endOffsets(admin);
    t = System.nanoTime();
    load.produce(infra.bootstrapServers(), codec);
    double produced = (System.nanoTime() - t) / 1e9;
    Map<TopicPartition, Long> end = Progress.endOffsets(admin);

    // each contender meets a server that holds its own documents only: the server keeps all in
    // its heap, where every document held lengthens its collector's pauses for everyone
    double raw = raw(load, "bench-raw-" + name);
    print("%s raw ceiling: %,.0f events/s", name, load.events().size() / raw);
    drop("bench-raw-" + name);

    Map<String, List<ServerTimes.Entry>> server = new LinkedHashMap<>();
    Map<String, Processor> processor = new LinkedHashMap<>();
    var serverBeforeSink = serverTimes();
    List<Progress.Sample> sink = sink(admin, name, start, end, processor);
    print("%s sink connector: %,.0f events/s", name, load.events().size() / Progress.seconds(sink));
    server.put(BenchRun.SINK_PHASE, serverTimes(serverBeforeSink, name + "-sink"));
    drop("bench-sink-" + name);

    String group = "bench-projector-" + name;
    Progress.precommit(admin, group, start);
    int port = BenchServices.freePort();
    List<Progress.Sample> projector;
    BenchRun.CatchUp catchUp;
    long peak;
    boolean oom;
    double rebuild = -1;
    BenchRun.Live live = null;
    try (ChildJvm child =
        ChildJvm.start(
            jvmOptions(name),
            System.getProperty("java.class.path"),
            CapabilityProjectorApplication.class.getName(),
            List.of(
                "--spring.kafka.bootstrap-servers=" + infra.bootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoUri(),
                "--spring.mongodb.database=bench-" + name,
                "--captrack.projector.group-id=" + group,
                "--captrack.projector.max-poll-records=" + MAX_POLL,
                "--spring.kafka.consumer.properties.max.partition.fetch.bytes=" + 4 * 1024 * 1024,
                "--server.port=" + port,
                BenchToken.TRUST,
                "--logging.level.root=WARN"),
            OUT.resolve("logs/projector-" + name + ".log"))) {
      var serverBefore = serverTimes();
      Processor.Start cpuBefore = Processor.start(Processor.beside("projector", child::cpu));
      try {
        projector = Progress.until(admin, group, start, end, Duration.ofMinutes(25), child::alive);
      } catch (IllegalStateException e) {
        print("%s projector: %s (log: %s)", name, e.getMessage(), child.log());
        throw e;
      }
      processor.put(
          BenchRun.CATCH_UP_PHASE,
          Processor.of(cpuBefore, load.events().size(), Progress.seconds(projector)));
      print(
          "%s projector's catch-up, processor time: %s",
          name, processor.get(BenchRun.CATCH_UP_PHASE).byProcess());
      print(
          "%s projector: %,.0f events/s, peak heap %,d MiB",
          name, load.events().size() / Progress.seconds(projector), child.peakHeap() >> 20);
      // the projector's metrics after the catch-up, and below after the end-to-end run: their
      // difference is what the live batches cost, step by step
      double[] pauses = child.pauses();
      String caughtUp = child.scrape(port);
      Files.writeString(OUT.resolve("logs/projector-metrics-" + name + "-caught-up.txt"), caughtUp);
      catchUp = new BenchRun.CatchUp(BenchTargets.steps(caughtUp), (int) pauses[0], pauses[1]);
      server.put(BenchRun.CATCH_UP_PHASE, serverTimes(serverBefore, name + "-projector"));
      if (recent) {
        try (BenchServices services =
                BenchServices.start(
                    infra.bootstrapServers(),
                    infra.mongoUri(),
                    "bench-" + name,
                    "bench-talent-" + name,
                    OUT.resolve("logs"));
            MongoClient store = MongoClients.create(infra.mongoUri())) {
          MongoCollection<Document> coverage =
              store.getDatabase("bench-" + name).getCollection(CoverageStore.COVERAGE);
          QueryLatency queries = new QueryLatency(services.apiPort, coverage, capabilities);
          var serverBeforeQueries = serverTimes();
          long queriesFrom = System.currentTimeMillis();
          var idle = queries.measure(WARM_UP, QUERY_TIME);
          print("%s queries: %s", name, idle);
          print("%s queries %s", name, queries.ownClock());
          List<String> slow = new ArrayList<>(List.of("# " + queries.ownClock()));
          slow.addAll(queries.slow());
          Files.write(OUT.resolve("logs/queries-slow-" + name + ".txt"), slow);
          server.put("queries", serverTimes(serverBeforeQueries, name + "-queries"));
          slowCommands(queriesFrom, name + "-queries");
          var serverBeforeE2e = serverTimes();
          long e2eFrom = System.currentTimeMillis();
          EndToEndLatency.Figures e2e =
              new EndToEndLatency(services, child::cpu, infra.bootstrapServers(), capabilities)
                  .measure(E2E_RATE, WARM_UP, E2E_TIME);
          print("%s end to end: %s", name, e2e);
          Files.write(OUT.resolve("logs/end-to-end-" + name + "-by-second.txt"), e2e.timeline());
          server.put("end to end", serverTimes(serverBeforeE2e, name + "-end-to-end"));
          slowCommands(e2eFrom, name + "-end-to-end");
          Files.writeString(
              OUT.resolve("logs/projector-metrics-" + name + ".txt"), child.scrape(port));
          QueryLatency during = new QueryLatency(services.apiPort, coverage, capabilities);
          during.start();
          long log = Progress.total(Map.of(), Progress.endOffsets(admin));
          Map<String, Supplier<Duration>> clocks = new LinkedHashMap<>();
          clocks.put("projector", child::cpu);
          clocks.put("server, broker and queries (this JVM)", Processor::thisJvm);
          services.cpu().keySet().forEach(s -> clocks.put(s, () -> services.cpu().get(s)));
          Processor.Start rebuildCpu = Processor.start(clocks);
          long rebuildFrom = System.nanoTime();
          rebuild = Rebuild.run(port, admin, group, log, REBUILD_LIMIT);
          double rebuildWall = (System.nanoTime() - rebuildFrom) / 1e9;
          // stopped at its limit: the records it had replayed, at the rate it projects
          long replayed = rebuild > 0 ? log : Math.round(log * rebuildWall / -rebuild);
          processor.put(BenchRun.REBUILD_PHASE, Processor.of(rebuildCpu, replayed, rebuildWall));
          print(
              "%s rebuild, processor time: %s",
              name, processor.get(BenchRun.REBUILD_PHASE).byProcess());
          var rebuilding = during.stop();
          print("%s queries during the rebuild: %s", name, rebuilding);
          Files.write(OUT.resolve("logs/queries-slow-" + name + "-rebuild.txt"), during.slow());
          live =
              new BenchRun.Live(idle, queries.ownClock(), rebuilding, during.failures(), e2e, log);
        }
      }
      peak = child.peakHeap();
      oom = child.outOfMemory();
    }
    Map<String, long[]> largest = largest("bench-" + name);
    // the server keeps everything in memory: the naive projector meets it holding no other
    // contender's documents, as each contender before it did (until run 62 it ran beside the
    // projector's read model, its rebuilt generation and talent-service's documents)
    drop("bench-" + name, "bench-talent-" + name);
    List<Double> rounds = naive(name, start);
    BenchRun run =
        new BenchRun(
            load, produced, raw, sink, projector, catchUp, peak, oom, rebuild, NAIVE, rounds,
            largest, server, live, processor);
    print("%s naive projector: %s", name, run.naiveText());
    return run;
  }

  /**
   * The naive projector in a JVM of its own, started as the projector's is ({@link
   * NaiveProjector#main}): the same records, first unmeasured, then in rounds, each into a fresh
   * database (the run's figure is all rounds together; each round's rate shows how far one short
   * measurement swings). Answers each round's seconds.
   */
  private List<Double> naive(String name, Map<TopicPartition, Long> start) throws Exception {
    Path seconds = Files.createTempFile("naive-" + name, ".txt");
    try (ChildJvm child =
        ChildJvm.start(
            List.of("-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError"),
            System.getProperty("java.class.path"),
            NaiveProjector.class.getName(),
            List.of(
                infra.bootstrapServers(),
                infra.mongoUri(),
                name,
                String.valueOf(NAIVE_WARM_UP),
                String.valueOf(NAIVE),
                String.valueOf(NAIVE_ROUNDS),
                NaiveProjector.offsets(start),
                seconds.toString()),
            OUT.resolve("logs/naive-" + name + ".log"))) {
      int status = child.waitFor(Duration.ofMinutes(20));
      if (status != 0) {
        throw new IllegalStateException(
            "the naive projector ended with " + status + " (log: " + child.log() + ")");
      }
      List<Double> rounds = new ArrayList<>();
      for (String line : Files.readAllLines(seconds)) {
        rounds.add(Double.parseDouble(line));
      }
      return rounds;
    } finally {
      Files.deleteIfExists(seconds);
    }
  }

  /** Each event as one upsert into its owner's document, unordered bulks of 1000, no Kafka. */
  private double raw(BenchLoad load, String database) {
    try (MongoClient client = MongoClients.create(infra.mongoUri())) {
      MongoCollection<Document> owners = client.getDatabase(database).getCollection("owners");
      long t = System.nanoTime();
      List<WriteModel<Document>> bulk = new ArrayList<>(1000);
      for (CloudEvent<?> e : load.events()) {
        bulk.add(
            new UpdateOneModel<>(
                eq("_id", BenchLoad.owner(e)),
                Updates.addToSet("events", stored.encode(e)),
                new UpdateOptions().upsert(true)));
        if (bulk.size() == 1000) {
          owners.bulkWrite(bulk, new BulkWriteOptions().ordered(false));
          bulk.clear();
        }
      }
      if (!bulk.isEmpty()) {
        owners.bulkWrite(bulk, new BulkWriteOptions().ordered(false));
      }
      return (System.nanoTime() - t) / 1e9;
    }
  }

  /** The sink connector's task in a JVM of its own, with the MongoDB driver it was built for. */
  private List<Progress.Sample> sink(
      Admin admin,
      String name,
      Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> end,
      Map<String, Processor> processor)
      throws Exception {
    String group = "bench-sink-" + name;
    Progress.precommit(admin, group, start);
    String classpath =
        Stream.concat(
                Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(e -> !e.contains("mongodb-driver") && !e.contains("/bson")),
                Files.list(SINK_LIB).map(Path::toString))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> args = new ArrayList<>();
    args.add(infra.bootstrapServers());
    args.add(infra.mongoUri());
    args.add("bench-sink-" + name);
    args.add(group);
    args.add(Long.toString(Progress.total(start, end)));
    Topics.SOURCES.forEach(topic -> args.add(topic.name()));
    try (ChildJvm child =
        ChildJvm.start(
            List.of("-Xmx1g"),
            classpath,
            SinkTaskRunner.class.getName(),
            args,
            OUT.resolve("logs/sink-" + name + ".log"))) {
      Processor.Start cpuBefore = Processor.start(Processor.beside("sink connector", child::cpu));
      List<Progress.Sample> samples =
          Progress.until(admin, group, start, end, Duration.ofMinutes(15), child::alive);
      processor.put(
          BenchRun.SINK_PHASE,
          Processor.of(cpuBefore, Progress.total(start, end), Progress.seconds(samples)));
      print(
          "%s sink connector, processor time: %s",
          name, processor.get(BenchRun.SINK_PHASE).byProcess());
      return samples;
    }
  }

  /** The stand-in's time per command so far (empty with containers). */
  private Map<String, ServerTimes.Entry> serverTimes() {
    return infra.serverTimes() == null ? Map.of() : infra.serverTimes().snapshot();
  }

  /**
   * The stand-in's commands since {@code before}, the longest in all first: all of them into {@code
   * logs/server-times-<phase>.txt} and returned (none with containers).
   */
  private List<ServerTimes.Entry> serverTimes(Map<String, ServerTimes.Entry> before, String phase)
      throws IOException {
    if (infra.serverTimes() == null) {
      return List.of();
    }
    List<ServerTimes.Entry> entries = infra.serverTimes().since(before, 40);
    StringBuilder out = new StringBuilder();
    entries.forEach(e -> out.append(e).append('\n'));
    Files.writeString(OUT.resolve("logs/server-times-" + phase + ".txt"), out);
    return entries;
  }

  /**
   * The stand-in's commands of {@link ServerTimes#SLOW_MILLIS} ms or more since {@code fromMillis},
   * one a line with when each ended and what it asked, into {@code logs/server-slow-<phase>.txt}.
   */
  private void slowCommands(long fromMillis, String phase) throws IOException {
    if (infra.serverTimes() != null) {
      Files.write(
          OUT.resolve("logs/server-slow-" + phase + ".txt"),
          infra.serverTimes().slowSince(fromMillis).stream().map(Object::toString).toList());
    }
  }

  private void drop(String... databases) {
    try (MongoClient client = MongoClients.create(infra.mongoUri())) {
      for (String database : databases) {
        client.getDatabase(database).drop();
      }
    }
    if (infra.mode().equals("embedded")) {
      // the stand-in server lives in this JVM: the dropped documents (4 to 5 GB after the recent
      // load) are collected now, not by the collector's threads while the next contender runs
      long start = System.nanoTime();
      System.gc();
      print(
          "dropped %s; this JVM's heap collected in %.1f s",
          String.join(", ", databases), (System.nanoTime() - start) / 1e9);
    }
  }

  /** Each read-model collection's document count and largest document, in bytes of BSON. */
  private Map<String, long[]> largest(String database) {
    Map<String, long[]> sizes = new LinkedHashMap<>();
    try (MongoClient client = MongoClients.create(infra.mongoUri())) {
      MongoDatabase db = client.getDatabase(database);
      for (String collection : CoverageStore.COLLECTIONS) {
        long count = 0;
        long largest = 0;
        for (RawBsonDocument d :
            db.getCollection(collection, RawBsonDocument.class).find().batchSize(200)) {
          count++;
          largest = Math.max(largest, d.getByteBuffer().remaining());
        }
        sizes.put(collection, new long[] {count, largest});
      }
    }
    return sizes;
  }

  /** The catalogue's topics with their partitions and settings, as the services create them. */
  private static void createTopics(Admin admin) throws Exception {
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing =
        Topics.ALL.stream()
            .filter(t -> !existing.contains(t.name()))
            .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
            .toList();
    admin.createTopics(missing).all().get();
  }

  /** The projector's JVM: its heap, and extra options ({@code captrack.bench.projector-jvm}). */
  private static List<String> jvmOptions(String load) {
    List<String> options = new ArrayList<>(List.of("-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError"));
    String extra = System.getProperty("captrack.bench.projector-jvm", "");
    if (!extra.isBlank()) {
      options.addAll(List.of(extra.replace("{load}", load).split(" ")));
    }
    return options;
  }

  static void print(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
  }
}
