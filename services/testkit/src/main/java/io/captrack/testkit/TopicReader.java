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

  private TopicReader() {}

  /** Every record of the topic up to the end offsets seen now. */
  public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
    return readSince(bootstrap, topic, -1);
  }

  /**
   * The records of the topic from the first with a timestamp at or after {@code epochMillis} (all
   * of them when negative) up to the end offsets seen now.
   */
  public static List<ConsumerRecord<String, byte[]>> readSince(
      String bootstrap, String topic, long epochMillis) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "reader-" + UUID.randomUUID(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
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
