package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.schemas.Channel;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldingTests {

  private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
  private static final LocalDate FEB = LocalDate.of(2026, 2, 1);

  @Test
  void aRecordAppliedTwiceChangesNothingTheSecondTime() {
    Holding h = new Holding("p1", "data.ml", Map.of());

    assertThat(h.apply("talent_events-0", 5, 3, Channel.BUY, JAN)).isTrue();
    assertThat(h.apply("talent_events-0", 5, 6, Channel.BUY, JAN)).isFalse();
    assertThat(h.apply("talent_events-0", 4, 6, Channel.BUY, JAN)).isFalse();

    assertThat(h.contribution()).contains(new Holding.Contribution(3, Channel.BUY));
  }

  @Test
  void levelIsTheMaximumOverSourcesAndItsChannelTheFirstToReachIt() {
    Holding h = new Holding("p1", "data.ml", Map.of());
    h.apply("talent_events-1", 0, 3, Channel.BUY, JAN);
    h.apply("learning_events-2", 7, 3, Channel.BUILD, FEB);

    assertThat(h.contribution()).contains(new Holding.Contribution(3, Channel.BUY));

    h.apply("learning_events-2", 9, 4, Channel.BUILD, FEB);
    assertThat(h.contribution()).contains(new Holding.Contribution(4, Channel.BUILD));

    h.apply("talent_events-1", 3, 2, Channel.BUY, FEB);
    assertThat(h.contribution()).contains(new Holding.Contribution(4, Channel.BUILD));
  }

  @Test
  void anEarlierEffectiveDateAtTheSameLevelTakesTheChannel() {
    Holding h = new Holding("p1", "data.ml", Map.of());
    h.apply("learning_events-0", 1, 3, Channel.BUILD, FEB);
    h.apply("talent_events-0", 1, 3, Channel.BUY, JAN);

    assertThat(h.contribution()).contains(new Holding.Contribution(3, Channel.BUY));
  }

  @Test
  void levelZeroHoldsNothing() {
    Holding h = new Holding("p1", "data.ml", Map.of());
    h.apply("talent_events-0", 1, 0, Channel.BUY, JAN);

    assertThat(h.contribution()).isEmpty();
  }
}
