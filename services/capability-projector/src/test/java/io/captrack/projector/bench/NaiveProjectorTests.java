package io.captrack.projector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The load's first offsets, as the benchmark hands them to the naive projector's own JVM. */
class NaiveProjectorTests {

  @Test
  void offsetsSurviveTheirOneArgumentForm() {
    Map<TopicPartition, Long> start =
        Map.of(
            new TopicPartition("talent.events", 0), 0L,
            new TopicPartition("talent.events", 2), 1_048_008L,
            new TopicPartition("partner.events", 1), 17L);

    String argument = NaiveProjector.offsets(start);

    assertThat(argument).doesNotContain(" ");
    assertThat(NaiveProjector.offsets(argument)).isEqualTo(start);
  }
}
