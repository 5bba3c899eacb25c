package io.captrack.projector.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.projector.coverage.CoverageProjector;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.projector.coverage.OneByOne;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.captrack.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
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
 * plain consumer in the benchmark's JVM.
 */
final class NaiveProjector {

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private NaiveProjector() {}

  /**
   * The projector's own code, each record its own batch: loaded, derived and written alone, over
   * the load's first {@code count} records (from {@code start}) into {@code database} (its consumer
   * group of the same name). Answers the nanoseconds from the first record's start to the last
   * record's end: the consumer's start and its group's join are not in it.
   */
  static long time(
      ConfigurableApplicationContext app,
      Admin admin,
      TestInfrastructure infra,
      Map<TopicPartition, Long> start,
      String database,
      int count)
      throws Exception {
    Progress.precommit(admin, database, start);
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, database);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (MongoClient client = MongoClients.create(infra.mongoUri());
        KafkaConsumer<String, byte[]> consumer =
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
