package io.captrack.projector.system;

import io.captrack.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the projector when a person's events could land with two instances.
 *
 * <p>People documents have one writer at a time because a person's events all reach the same
 * consumer: talent-service keys its events by personRef, learning-service keys its events by the
 * same personRef (CloudEvents {@code partitionkey}), both topics have the same number of
 * partitions, so a person's events sit on the same partition number of both, and the range assignor
 * gives the same partition numbers of both topics to the same consumer. This check runs before the
 * listener starts and fails when the two topics differ in partitions.
 */
@Component
class CoPartitioning implements SmartLifecycle {

  private final KafkaAdmin admin;
  private volatile boolean running;

  CoPartitioning(KafkaAdmin admin) {
    this.admin = admin;
  }

  @Override
  public void start() {
    Map<String, TopicDescription> topics =
        admin.describeTopics(Topics.SOURCES.stream().map(t -> t.name()).toArray(String[]::new));
    Map<String, Integer> partitions = new java.util.TreeMap<>();
    topics.forEach((name, d) -> partitions.put(name, d.partitions().size()));
    check(partitions);
    running = true;
  }

  /** Fails unless every source topic has the same number of partitions. */
  static void check(Map<String, Integer> partitions) {
    if (partitions.values().stream().distinct().count() > 1) {
      throw new IllegalStateException(
          "the source topics differ in partitions "
              + partitions
              + ": a person's talent, learning and planning events (keyed by personRef) and a"
              + " partner's partner and planning events (keyed by partnerId) must share a"
              + " partition number, so that one projector instance owns each person and partner;"
              + " give them all the same number of partitions");
    }
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the listener containers, which start in the default (last) phase. */
  @Override
  public int getPhase() {
    return 0;
  }
}
