package io.captrack.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A day's figures from its counters, as README names them. */
class CoverageCountersTests {

  @Test
  void holdersLevelsChannelsAndLentCapacityAreReadAndOtherCountersLeftOut() {
    Map<String, Long> counters =
        Map.of(
            "holders", 3L,
            "L2", 1L,
            "L4", 2L,
            "BUY", 2L,
            "BUILD", 1L,
            "fte", 250L,
            "fte:p-1", 250L,
            "ttc:BUY:12", 1L,
            "requisitions", 4L,
            "onboarding", 1L);
    CoverageCounters figures = CoverageCounters.of(counters);
    assertThat(figures.holders()).isEqualTo(3);
    assertThat(figures.byLevel()).containsExactly(Map.entry("2", 1), Map.entry("4", 2));
    assertThat(figures.byChannel()).containsExactly(Map.entry("BUILD", 1), Map.entry("BUY", 2));
    assertThat(figures.fte()).isEqualByComparingTo(new BigDecimal("2.5"));
  }

  @Test
  void noCountersAreNoHoldersAndNoCapacity() {
    CoverageCounters figures = CoverageCounters.of(Map.of());
    assertThat(figures.holders()).isZero();
    assertThat(figures.byLevel()).isEmpty();
    assertThat(figures.byChannel()).isEmpty();
    assertThat(figures.fte()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void theFiguresAreTheFirstFourKindsOfCounter() {
    for (String figure :
        new String[] {"holders", "L1", "L5", "BUILD", "BUY", "BORROW", "REDEPLOY", "fte"}) {
      assertThat(CoverageCounters.isFigure(figure)).as(figure).isTrue();
    }
    for (String other :
        new String[] {"fte:p-1", "ttc:BUY:12", "requisitions", "enrolling", "onboarding"}) {
      assertThat(CoverageCounters.isFigure(other)).as(other).isFalse();
    }
    assertThat(CoverageCounters.isChannel("REDEPLOY")).isTrue();
    assertThat(CoverageCounters.isChannel("L3")).isFalse();
  }
}
