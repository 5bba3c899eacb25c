package io.captrack.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The month document's layout as README states it: {@code d.<dd>|<counter>}. */
class CoverageCalendarTests {

  @Test
  void aChangeIsWrittenUnderItsDayOfTheMonthInTwoDigitsAndItsCounter() {
    assertThat(CoverageCalendar.dayCounter(LocalDate.of(2026, 2, 3), "holders"))
        .isEqualTo("d.03|holders");
    assertThat(CoverageCalendar.dayCounter(LocalDate.of(2026, 1, 31), "ttc:BUILD:12"))
        .isEqualTo("d.31|ttc:BUILD:12");
  }

  @Test
  void eachDaysChangesReadBackFromTheMonthsKeys() {
    Document month =
        new Document("_id", "ux.research|2026-02")
            .append("month", "2026-02")
            .append(
                "d",
                new Document("03|holders", 2L)
                    .append("03|L3", 1)
                    .append("28|holders", -1L)
                    .append("28|fte:p|7", 150L));
    assertThat(CoverageCalendar.days(month))
        .containsExactly(
            Map.entry(LocalDate.of(2026, 2, 3), Map.of("holders", 2L, "L3", 1L)),
            Map.entry(LocalDate.of(2026, 2, 28), Map.of("holders", -1L, "fte:p|7", 150L)));
  }

  @Test
  void aDocumentOfTheEarlierLayoutStillReadsAndADayInBothHasTheirSum() {
    Document month =
        new Document("_id", "ux.research|2026-02")
            .append(
                "days",
                new Document("2026-02-03", new Document("holders", 1L))
                    .append("2026-02-10", new Document("L2", 1L)))
            .append("d", new Document("03|holders", 2L));
    assertThat(CoverageCalendar.days(month))
        .containsExactly(
            Map.entry(LocalDate.of(2026, 2, 3), Map.of("holders", 3L)),
            Map.entry(LocalDate.of(2026, 2, 10), Map.of("L2", 1L)));
    assertThat(CoverageCalendar.days(null)).isEmpty();
  }
}
