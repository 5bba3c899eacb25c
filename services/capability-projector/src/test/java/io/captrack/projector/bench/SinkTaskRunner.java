package io.captrack.projector.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The MongoDB Kafka sink connector's task ({@code org.mongodb.kafka:mongo-kafka-connect}, run in a
 * JVM of its own with the MongoDB driver it was built for), driven as a Connect worker drives a
 * sink task: records polled from the source topics (500 per poll, Connect's default), converted as
 * Connect's StringConverter would (schemaless JSON text), {@code put} to the task, offsets
 * committed after each put. Its default write model: one document per record. Runs until the group
 * has consumed {@code total} records.
 *
 * <p>Arguments: bootstrap servers, MongoDB URI, database, group, total, topics...
 */
public final class SinkTaskRunner {

  private SinkTaskRunner() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    long total = Long.parseLong(args[4]);
    List<String> topics = List.of(args).subList(5, args.length);
    SinkTask task =
        (SinkTask)
            Class.forName("com.mongodb.kafka.connect.sink.MongoSinkTask")
                .getDeclaredConstructor()
                .newInstance();
    task.initialize(new Context());
    task.start(
        Map.of(
            "connection.uri",
            args[1],
            "database",
            args[2],
            "collection",
            "events",
            "topics",
            String.join(",", topics)));
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, args[3]);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    long done = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(topics);
      while (done < total) {
        List<SinkRecord> records = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          records.add(
              new SinkRecord(
                  r.topic(),
                  r.partition(),
                  null,
                  r.key(),
                  null,
                  new String(r.value(), StandardCharsets.UTF_8),
                  r.offset(),
                  r.timestamp(),
                  TimestampType.CREATE_TIME));
          offsets.put(
              new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        if (records.isEmpty()) {
          continue;
        }
        task.put(records);
        task.flush(offsets);
        consumer.commitSync(offsets);
        done += records.size();
      }
    }
    task.stop();
    System.out.println("sink done " + done);
  }

  /** What a sink task may ask of its worker; nothing of it is used by a plain run. */
  private static final class Context implements SinkTaskContext {
    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {}

    @Override
    public void offset(TopicPartition tp, long offset) {}

    @Override
    public void timeout(long timeoutMs) {}

    @Override
    public Set<TopicPartition> assignment() {
      return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {}

    @Override
    public void resume(TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
      return null;
    }
  }
}
