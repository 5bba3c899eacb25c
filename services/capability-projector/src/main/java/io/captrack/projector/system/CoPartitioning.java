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
    String talent = Topics.TALENT_EVENTS.name();
    String learning = Topics.LEARNING_EVENTS.name();
    Map<String, TopicDescription> topics = admin.describeTopics(talent, learning);
    int talentPartitions = topics.get(talent).partitions().size();
    int learningPartitions = topics.get(learning).partitions().size();
    if (talentPartitions != learningPartitions) {
      throw new IllegalStateException(
          talent
              + " has "
              + talentPartitions
              + " partitions and "
              + learning
              + " has "
              + learningPartitions
              + ": both are keyed by personRef and must have the same number of partitions, so"
              + " that one projector instance owns each person");
    }
    running = true;
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
