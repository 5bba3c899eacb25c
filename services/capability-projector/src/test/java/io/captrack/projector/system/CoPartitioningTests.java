package io.captrack.projector.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CoPartitioningTests {

  @Test
  void sourceTopicsWithTheSamePartitionsPass() {
    assertThatCode(
            () ->
                CoPartitioning.check(
                    Map.of("partner.events", 3, "talent.events", 3, "learning.events", 3)))
        .doesNotThrowAnyException();
  }

  @Test
  void aTopicWithOtherPartitionsStopsTheProjectorWithTheReason() {
    assertThatThrownBy(
            () ->
                CoPartitioning.check(
                    Map.of("partner.events", 3, "talent.events", 6, "learning.events", 3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("talent.events=6")
        .hasMessageContaining("same number of partitions");
  }
}
