package io.captrack.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning to its current end, for assertions in tests. */
public final class TopicReader {

  /** What one consumer per topic has read so far: later calls read only what came since. */
  private static final class Tail {
    final KafkaConsumer<String, byte[]> consumer;
    final List<TopicPartition> partitions;
    final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    Tail(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
      this.consumer = consumer;
      this.partitions = partitions;
    }
  }

  private static final Map<String, Tail> TAILS = new HashMap<>();

  private TopicReader() {}

  /**
   * Every record of the topic up to the end offsets seen now. Topics only grow, so one consumer per
   * topic keeps reading where it stopped (tests poll this often).
   */
  public static synchronized List<ConsumerRecord<String, byte[]>> readAll(
      String bootstrap, String topic) {
    Tail tail = TAILS.get(bootstrap + "/" + topic);
    if (tail == null) {
      KafkaConsumer<String, byte[]> consumer = consumer(bootstrap);
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        consumer.close();
        return List.of();
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      tail = new Tail(consumer, partitions);
      TAILS.put(bootstrap + "/" + topic, tail);
    }
    Tail t = tail;
    Map<TopicPartition, Long> end = t.consumer.endOffsets(t.partitions);
    while (t.partitions.stream().anyMatch(tp -> t.consumer.position(tp) < end.get(tp))) {
      t.consumer.poll(Duration.ofMillis(200)).forEach(t.records::add);
    }
    return List.copyOf(t.records);
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "reader-" + UUID.randomUUID(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * The records of the topic from the first with a timestamp at or after {@code epochMillis} (all
   * of them when negative) up to the end offsets seen now.
   */
  public static List<ConsumerRecord<String, byte[]>> readSince(
      String bootstrap, String topic, long epochMillis) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      consumer.seekToBeginning(partitions);
      if (epochMillis >= 0) {
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(tp -> at.put(tp, epochMillis));
        consumer
            .offsetsForTimes(at)
            .forEach(
                (tp, found) -> consumer.seek(tp, found == null ? end.get(tp) : found.offset()));
      }
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
