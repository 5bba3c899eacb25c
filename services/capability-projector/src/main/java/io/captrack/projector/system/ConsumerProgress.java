package io.captrack.projector.system;

import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** How far a consumer group has come over every source partition: records committed and there. */
@Component
public class ConsumerProgress implements DisposableBean {

  private final KafkaAdmin kafkaAdmin;
  private Admin admin;

  ConsumerProgress(KafkaAdmin kafkaAdmin) {
    this.kafkaAdmin = kafkaAdmin;
  }

  /** {done, total} for the group. */
  public long[] of(String group) {
    long done = 0;
    long total = 0;
    for (Position p : positions(group).values()) {
      done += p.committed();
      total += p.end();
    }
    return new long[] {done, total};
  }

  /** Where a group stands on one partition: its committed offset (0 if none) and the log's end. */
  public record Position(long committed, long end) {

    /** Records there and not yet committed by the group. */
    public long lag() {
      return Math.max(0, end - committed);
    }
  }

  /** The group's position on every source partition. */
  public Map<TopicPartition, Position> positions(String group) {
    try {
      Admin client = admin();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      List<String> names = Topics.SOURCES.stream().map(Topic::name).toList();
      for (var description : client.describeTopics(names).allTopicNames().get().values()) {
        description
            .partitions()
            .forEach(
                p ->
                    request.put(
                        new TopicPartition(description.name(), p.partition()),
                        OffsetSpec.latest()));
      }
      Map<TopicPartition, Long> committed = new HashMap<>();
      client
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get()
          .forEach(
              (tp, offset) -> {
                if (offset != null) {
                  committed.put(tp, offset.offset());
                }
              });
      Map<TopicPartition, Position> positions = new TreeMap<>(ConsumerProgress::compare);
      client
          .listOffsets(request)
          .all()
          .get()
          .forEach(
              (tp, end) ->
                  positions.put(tp, new Position(committed.getOrDefault(tp, 0L), end.offset())));
      return positions;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the progress of " + group, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the progress of " + group, e);
    }
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }

  /**
   * The source partitions whose log no longer starts at offset 0 (retention or deleteRecords took
   * its head), each with its first offset: a replay from them would miss events.
   */
  public Map<String, Long> truncatedSources() {
    return truncated(Topics.SOURCES.stream().map(Topic::name).toList());
  }

  Map<String, Long> truncated(List<String> topics) {
    try {
      Admin client = admin();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (var description : client.describeTopics(topics).allTopicNames().get().values()) {
        description
            .partitions()
            .forEach(
                p ->
                    request.put(
                        new TopicPartition(description.name(), p.partition()),
                        OffsetSpec.earliest()));
      }
      Map<String, Long> truncated = new TreeMap<>();
      client
          .listOffsets(request)
          .all()
          .get()
          .forEach(
              (tp, start) -> {
                if (start.offset() > 0) {
                  truncated.put(tp.toString(), start.offset());
                }
              });
      return truncated;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read where the source logs start", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading where the source logs start", e);
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }
    return admin;
  }

  @Override
  public synchronized void destroy() {
    if (admin != null) {
      admin.close();
    }
  }
}
