package io.captrack.api.stream;

import io.captrack.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * {@code capability.changes} read directly: where its partitions begin and end, and a stretch of it
 * replayed for a subscriber that resumes. One small consumer answers offsets (guarded by this
 * object); each replay has a consumer of its own.
 */
class ChangeLog implements AutoCloseable {

  /** Takes each replayed record. */
  interface Sink {
    void accept(ConsumerRecord<String, byte[]> record);
  }

  static final String TOPIC = Topics.CAPABILITY_CHANGES.name();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ConsumerFactory<String, byte[]> consumers;
  private Consumer<String, byte[]> offsets;

  ChangeLog(ConsumerFactory<String, byte[]> consumers) {
    this.consumers = consumers;
  }

  /** The next offset of every partition, now. */
  synchronized Map<Integer, Long> ends() {
    return byPartition(offsets().endOffsets(partitions(), TIMEOUT));
  }

  /** The first offset still in the log, per partition. */
  synchronized Map<Integer, Long> beginnings() {
    return byPartition(offsets().beginningOffsets(partitions(), TIMEOUT));
  }

  /** Hands every record from {@code from} up to {@code to} (exclusive) to {@code sink}. */
  void replay(Map<Integer, Long> from, Map<Integer, Long> to, Duration within, Sink sink) {
    Map<TopicPartition, Long> remaining = new HashMap<>();
    to.forEach(
        (p, end) -> {
          long start = from.getOrDefault(p, 0L);
          if (start < end) {
            remaining.put(new TopicPartition(TOPIC, p), end);
          }
        });
    if (remaining.isEmpty()) {
      return;
    }
    Instant deadline = Instant.now().plus(within);
    try (var consumer = consumers.createConsumer(null, "-replay")) {
      consumer.assign(remaining.keySet());
      remaining.keySet().forEach(tp -> consumer.seek(tp, from.getOrDefault(tp.partition(), 0L)));
      while (!remaining.isEmpty()) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("replay not done within " + within);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          Long end = remaining.get(tp);
          if (end != null && record.offset() < end) {
            sink.accept(record);
          }
        }
        remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
        consumer.pause(
            consumer.assignment().stream().filter(tp -> !remaining.containsKey(tp)).toList());
      }
    }
  }

  /** The topic's partitions, assigned to the offsets consumer (it asks about its own only). */
  private List<TopicPartition> partitions() {
    List<PartitionInfo> infos = offsets().partitionsFor(TOPIC, TIMEOUT);
    List<TopicPartition> partitions =
        infos.stream().map(i -> new TopicPartition(TOPIC, i.partition())).toList();
    if (!offsets().assignment().equals(Set.copyOf(partitions))) {
      offsets().assign(partitions);
    }
    return partitions;
  }

  private Consumer<String, byte[]> offsets() {
    if (offsets == null) {
      offsets = consumers.createConsumer(null, "-offsets");
    }
    return offsets;
  }

  private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
    Map<Integer, Long> next = new HashMap<>();
    offsets.forEach((tp, o) -> next.put(tp.partition(), o));
    return next;
  }

  @Override
  public synchronized void close() {
    if (offsets != null) {
      offsets.close();
      offsets = null;
    }
  }
}
