package io.captrack.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The month document's layout as README states it: {@code <dd>|<counter>} fields of the document
 * itself; {@code d.<dd>|<counter>} and {@code days.<yyyy-MM-dd>.<counter>} of earlier projectors.
 */
class MonthDaysTests {

  @Test
  void aChangeIsWrittenUnderItsDayOfTheMonthInTwoDigitsAndItsCounter() {
    assertThat(MonthDays.dayCounter(LocalDate.of(2026, 2, 3), "holders")).isEqualTo("03|holders");
    assertThat(MonthDays.dayCounter(LocalDate.of(2026, 1, 31), "ttc:BUILD:12"))
        .isEqualTo("31|ttc:BUILD:12");
  }

  @Test
  void eachDaysChangesReadBackFromTheMonthsOwnFieldsAndNothingElse() {
    Document month =
        new Document("_id", "ux.research|2026-02")
            .append("capabilityId", "ux.research")
            .append("month", "2026-02")
            .append("seq", new Document("0", 7L))
            .append("net", new Document("holders", 1L).append("L3", 1L))
            .append("03|holders", 2L)
            .append("03|L3", 1)
            .append("28|holders", -1L)
            .append("28|fte:p|7", 150L);
    assertThat(MonthDays.days(month))
        .containsExactly(
            Map.entry(LocalDate.of(2026, 2, 3), Map.of("holders", 2L, "L3", 1L)),
            Map.entry(LocalDate.of(2026, 2, 28), Map.of("holders", -1L, "fte:p|7", 150L)));
  }

  @Test
  void documentsOfTheEarlierLayoutsStillReadAndADayInMoreThanOneHasTheirSum() {
    Document month =
        new Document("_id", "ux.research|2026-02")
            .append(
                "days",
                new Document("2026-02-03", new Document("holders", 1L))
                    .append("2026-02-10", new Document("L2", 1L)))
            .append("d", new Document("03|holders", 2L).append("11|L4", 1L))
            .append("03|holders", 4L);
    assertThat(MonthDays.days(month))
        .containsExactly(
            Map.entry(LocalDate.of(2026, 2, 3), Map.of("holders", 7L)),
            Map.entry(LocalDate.of(2026, 2, 10), Map.of("L2", 1L)),
            Map.entry(LocalDate.of(2026, 2, 11), Map.of("L4", 1L)));
    assertThat(MonthDays.days(null)).isEmpty();
  }
}
