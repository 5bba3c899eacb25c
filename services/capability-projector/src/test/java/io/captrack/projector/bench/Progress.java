package io.captrack.projector.bench;

import static org.awaitility.Awaitility.await;

import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;

/** How far a consumer group has come through a load, sampled every 500 ms. */
final class Progress {

  /** Records done {@code seconds} after the start. */
  record Sample(double seconds, long done) {}

  private Progress() {}

  /**
   * Samples until the group has committed {@code end} on every partition; fails when {@code alive}
   * turns false first (the consumer's JVM died) or after {@code limit}.
   */
  static List<Sample> until(
      Admin admin,
      String group,
      Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> end,
      Duration limit,
      BooleanSupplier alive) {
    long total = total(start, end);
    List<Sample> samples = new ArrayList<>();
    long t = System.nanoTime();
    long[] printed = {0};
    try {
      await(group + " through the load")
          .atMost(limit)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                Map<TopicPartition, Long> committed;
                try {
                  committed = committed(admin, group);
                } catch (ExecutionException e) {
                  // a broker busy with a collection (the server's heap) answers late: ask again
                  System.out.printf("[bench]   %s: %s, asking again%n", group, e.getCause());
                  return false;
                }
                long done = 0;
                for (TopicPartition tp : end.keySet()) {
                  done += Math.max(0, committed.getOrDefault(tp, start.get(tp)) - start.get(tp));
                }
                double seconds = (System.nanoTime() - t) / 1e9;
                samples.add(new Sample(seconds, done));
                if (done - printed[0] >= 100_000) {
                  System.out.printf(
                      Locale.ROOT, "[bench]   %s at %,d records, %.0f s%n", group, done, seconds);
                  printed[0] = done;
                }
                if (done < total && !alive.getAsBoolean()) {
                  throw new IllegalStateException(
                      group + " stopped at " + done + " of " + total + " records");
                }
                return done >= total;
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(group + " not done after " + limit, e);
    }
    return samples;
  }

  static long total(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
    long total = 0;
    for (var e : end.entrySet()) {
      total += e.getValue() - start.getOrDefault(e.getKey(), 0L);
    }
    return total;
  }

  /** The time the last sample reached the total. */
  static double seconds(List<Sample> samples) {
    return samples.get(samples.size() - 1).seconds();
  }

  static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
    Map<TopicPartition, Long> committed = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e :
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
      if (e.getValue() != null) {
        committed.put(e.getKey(), e.getValue().offset());
      }
    }
    return committed;
  }

  /**
   * Sets the committed offsets of {@code group} to {@code start}: it begins where the load does.
   */
  static void precommit(Admin admin, String group, Map<TopicPartition, Long> start)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    start.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
    admin.alterConsumerGroupOffsets(group, offsets).all().get();
  }

  /** The end of every partition of the source topics. */
  static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (Topic topic : Topics.SOURCES) {
      for (int p = 0; p < topic.partitions(); p++) {
        request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }

  /** Events per second over windows of {@code window} seconds. */
  static List<double[]> rates(List<Sample> samples, double window) {
    List<double[]> rates = new ArrayList<>();
    int from = 0;
    for (int i = 1; i < samples.size(); i++) {
      double span = samples.get(i).seconds() - samples.get(from).seconds();
      if (span >= window || i == samples.size() - 1) {
        rates.add(
            new double[] {
              samples.get(i).seconds(), (samples.get(i).done() - samples.get(from).done()) / span
            });
        from = i;
      }
    }
    return rates;
  }
}
