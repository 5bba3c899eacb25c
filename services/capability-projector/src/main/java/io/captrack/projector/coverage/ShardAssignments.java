package io.captrack.projector.coverage;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Tells a generation's projector which shards its consumer owns: assigned partitions are taken over
 * (and a half-written batch completed), revoked or lost ones are written no more.
 */
public final class ShardAssignments implements ConsumerAwareRebalanceListener {

  private final CoverageProjector projector;
  private final CoverageProjector.Target target;

  public ShardAssignments(CoverageProjector projector, CoverageProjector.Target target) {
    this.projector = projector;
    this.target = target;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    projector.assigned(partitions, target);
  }

  @Override
  public void onPartitionsRevokedBeforeCommit(
      Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    projector.revoked(partitions, target);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    projector.revoked(partitions, target);
  }
}
