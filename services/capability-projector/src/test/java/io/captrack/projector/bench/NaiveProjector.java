package io.captrack.projector.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.projector.CapabilityProjectorApplication;
import io.captrack.projector.coverage.CoverageProjector;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.projector.coverage.OneByOne;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The naive projector of the benchmark: the projector's own code with batches of one record, each
 * record loading its person or partner, derived and written alone ({@link OneByOne}), driven by a
 * plain consumer. Since run 73 it runs in a JVM of its own, started as the projector's is (the same
 * java, heap, collector and options; {@link #main}), so that both contenders meet the server and
 * the broker from outside the benchmark's JVM; until then it ran inside that JVM, beside the server
 * and the broker and under their collector, and its rate swung by up to two fifths between two
 * rounds of one run.
 */
final class NaiveProjector {

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private NaiveProjector() {}

  /**
   * Arguments: the broker, the server, the load's name, the records to go through unmeasured first,
   * the records of each measured round, the rounds, the load's first offsets ({@link #offsets}) and
   * the file to write each round's seconds to, one per line. Every round goes over the same records
   * into a database of its own, dropped after it (the warm-up's too).
   */
  public static void main(String[] args) throws Exception {
    int status = 1;
    try {
      run(args);
      status = 0;
    } catch (Throwable t) {
      System.err.println("[naive] failed:");
      t.printStackTrace();
    } finally {
      // the context's and the clients' threads would keep the JVM alive
      System.exit(status);
    }
  }

  private static void run(String[] args) throws Exception {
    String bootstrap = args[0];
    String mongoUri = args[1];
    String name = args[2];
    int warmUp = Integer.parseInt(args[3]);
    int count = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    Map<TopicPartition, Long> start = offsets(args[6]);
    Path out = Path.of(args[7]);
    try (ConfigurableApplicationContext app =
            CapabilityProjectorApplication.application()
                .run(
                    "--spring.kafka.bootstrap-servers=" + bootstrap,
                    "--spring.mongodb.uri=" + mongoUri,
                    "--spring.mongodb.database=bench-naive-context-" + name,
                    "--captrack.projector.auto-startup=false",
                    "--server.port=0",
                    BenchToken.TRUST,
                    "--logging.level.root=WARN");
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        MongoClient client = MongoClients.create(mongoUri)) {
      String warm = "bench-naive-warm-up-" + name;
      time(app, admin, bootstrap, client, start, warm, warmUp);
      client.getDatabase(warm).drop();
      List<String> seconds = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        String database = "bench-naive-" + name + "-" + round;
        seconds.add(
            String.valueOf(time(app, admin, bootstrap, client, start, database, count) / 1e9));
        client.getDatabase(database).drop();
        System.out.println("[naive] round " + round + ": " + seconds.get(round) + " s");
      }
      client.getDatabase("bench-naive-context-" + name).drop();
      Files.write(out, seconds);
    }
  }

  /** A load's first offsets as one argument: {@code topic:partition=offset,...}. */
  static String offsets(Map<TopicPartition, Long> start) {
    return start.entrySet().stream()
        .map(e -> e.getKey().topic() + ":" + e.getKey().partition() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  static Map<TopicPartition, Long> offsets(String text) {
    Map<TopicPartition, Long> start = new HashMap<>();
    for (String each : text.split(",")) {
      int colon = each.lastIndexOf(':');
      int equals = each.lastIndexOf('=');
      start.put(
          new TopicPartition(
              each.substring(0, colon), Integer.parseInt(each.substring(colon + 1, equals))),
          Long.parseLong(each.substring(equals + 1)));
    }
    return start;
  }

  /**
   * The projector's own code, each record its own batch: loaded, derived and written alone, over
   * the load's first {@code count} records (from {@code start}) into {@code database} (its consumer
   * group of the same name). Answers the nanoseconds from the first record's start to the last
   * record's end: the consumer's start and its group's join are not in it.
   */
  private static long time(
      ConfigurableApplicationContext app,
      Admin admin,
      String bootstrap,
      MongoClient client,
      Map<TopicPartition, Long> start,
      String database,
      int count)
      throws Exception {
    Progress.precommit(admin, database, start);
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, database);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      CoverageStore store =
          new CoverageStore(
              client.getDatabase(database), ReadModel.INITIAL, app.getBean(Outbox.class), CODEC);
      store.seed(app.getBean(Taxonomy.class));
      OneByOne naive = new OneByOne(app.getBean(CoverageProjector.class), CODEC, store);
      consumer.subscribe(Topics.SOURCES.stream().map(Topic::name).toList());
      int done = 0;
      long first = 0;
      while (done < count) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (done == count) {
            break;
          }
          if (done == 0) {
            first = System.nanoTime();
          }
          naive.project(record);
          done++;
        }
        consumer.commitSync();
      }
      return System.nanoTime() - first;
    }
  }
}
