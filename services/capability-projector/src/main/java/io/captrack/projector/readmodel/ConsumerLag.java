package io.captrack.projector.readmodel;

import io.captrack.platform.readmodel.ReadModel;
import io.captrack.projector.system.ConsumerProgress;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Consumer lag per source partition, read from Kafka (committed offsets of the group against the
 * ends of the logs), so it shows even when no consumer of this instance holds the partition or the
 * consumers are stuck: gauge {@code captrack.projector.consumer.lag} (records) with tags {@code
 * topic}, {@code partition} and {@code generation} ({@code live}, or {@code rebuilding} while a new
 * generation is built; 0 when none is). Every replica reports the group's lag; a dashboard takes
 * the maximum. Refreshed every {@code captrack.projector.lag-interval} (15 s).
 */
@Component
class ConsumerLag {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

  private final ConsumerProgress progress;
  private final Generations generations;
  private final ReadModel readModel;
  private final MeterRegistry meters;
  private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

  ConsumerLag(
      ConsumerProgress progress,
      Generations generations,
      ReadModel readModel,
      MeterRegistry meters) {
    this.progress = progress;
    this.generations = generations;
    this.readModel = readModel;
    this.meters = meters;
  }

  @Scheduled(
      initialDelayString = "${captrack.projector.lag-interval:15s}",
      fixedDelayString = "${captrack.projector.lag-interval:15s}")
  void refresh() {
    try {
      ReadModel.State state = readModel.state();
      update("live", progress.positions(generations.group(state.current())));
      if (state.rebuilding() != null) {
        update("rebuilding", progress.positions(generations.group(state.rebuilding())));
      } else {
        lags.forEach(
            (key, lag) -> {
              if (key.startsWith("rebuilding/")) {
                lag.set(0);
              }
            });
      }
    } catch (RuntimeException e) {
      // the gauges keep their last values; Kafka away shows in health and the relay's metrics
      log.warn("cannot read the consumer lag from Kafka: {}", e.getMessage());
    }
  }

  private void update(String generation, Map<TopicPartition, ConsumerProgress.Position> positions) {
    positions.forEach(
        (tp, position) -> gauge(generation, tp.topic(), tp.partition()).set(position.lag()));
  }

  private AtomicLong gauge(String generation, String topic, int partition) {
    return lags.computeIfAbsent(
        generation + "/" + topic + "/" + partition,
        key -> {
          AtomicLong lag = new AtomicLong();
          Gauge.builder("captrack.projector.consumer.lag", lag, AtomicLong::get)
              .description("records in the source partition not yet committed by the group")
              .baseUnit("records")
              .tag("generation", generation)
              .tag("topic", topic)
              .tag("partition", Integer.toString(partition))
              .register(meters);
          return lag;
        });
  }
}
