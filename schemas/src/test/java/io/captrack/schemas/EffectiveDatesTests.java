package io.captrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dates outside 1900-01-01..2199-12-31 are found however deep, and named by their path. */
class EffectiveDatesTests {

  record Stretch(LocalDate from, LocalDate to) {}

  record Plan(String name, LocalDate day, List<Stretch> stretches) {}

  @Test
  void aDateOutsideTheRangeIsNamedByItsPathThroughRecordsAndLists() {
    Plan plan =
        new Plan(
            "p",
            LocalDate.of(2026, 1, 1),
            List.of(
                new Stretch(LocalDate.of(2026, 1, 1), null),
                new Stretch(LocalDate.of(2026, 2, 1), LocalDate.of(2200, 1, 1))));

    assertThat(EffectiveDates.outOfRange(plan, "data"))
        .contains("data.stretches[1].to 2200-01-01 is outside 1900-01-01..2199-12-31");
  }

  @Test
  void theFirstDateOutsideIsNamedAndDatesOnTheBoundsAreAccepted() {
    Plan inside =
        new Plan(
            "p",
            EffectiveDates.FIRST_DAY,
            List.of(new Stretch(EffectiveDates.LAST_DAY, EffectiveDates.FIRST_DAY)));
    Plan twice =
        new Plan("p", LocalDate.of(1899, 12, 31), List.of(new Stretch(LocalDate.MIN, null)));

    assertThat(EffectiveDates.outOfRange(inside, "data")).isEmpty();
    assertThat(EffectiveDates.outOfRange(twice, "data"))
        .contains("data.day 1899-12-31 is outside 1900-01-01..2199-12-31");
    assertThat(EffectiveDates.outOfRange(LocalDate.of(1899, 12, 31), "on"))
        .contains("on 1899-12-31 is outside 1900-01-01..2199-12-31");
  }
}
