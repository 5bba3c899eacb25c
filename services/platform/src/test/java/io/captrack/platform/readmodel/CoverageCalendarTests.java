package io.captrack.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The month document's layout as README states it: {@code <dd>|<counter>} fields of the document
 * itself; {@code d.<dd>|<counter>} and {@code days.<yyyy-MM-dd>.<counter>} of earlier projectors.
 */
class CoverageCalendarTests {

  @Test
  void aChangeIsWrittenUnderItsDayOfTheMonthInTwoDigitsAndItsCounter() {
    assertThat(CoverageCalendar.dayCounter(LocalDate.of(2026, 2, 3), "holders"))
        .isEqualTo("03|holders");
    assertThat(CoverageCalendar.dayCounter(LocalDate.of(2026, 1, 31), "ttc:BUILD:12"))
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
    assertThat(CoverageCalendar.days(month))
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
    assertThat(CoverageCalendar.days(month))
        .containsExactly(
            Map.entry(LocalDate.of(2026, 2, 3), Map.of("holders", 7L)),
            Map.entry(LocalDate.of(2026, 2, 10), Map.of("L2", 1L)),
            Map.entry(LocalDate.of(2026, 2, 11), Map.of("L4", 1L)));
    assertThat(CoverageCalendar.days(null)).isEmpty();
  }

  /**
   * The counters a reader wants, summed alone, are those of the whole sum: from the total (or the
   * months before, for a document of the earlier layout), less the months from the day's on, plus
   * the month's days up to the day, in either layout.
   */
  @Test
  void countersSummedForSomeOnlyAreThoseOfTheWholeSum() {
    List<String> counters = List.of("holders", "L3", "L5", "fte", "fte:p-1", "ttc:BUY:12", "BUY");
    Predicate<String> wanted = c -> c.equals("holders") || c.startsWith("L") || c.equals("fte");
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      YearMonth month = YearMonth.of(2026, 1 + random.nextInt(12));
      boolean keepsTotal = random.nextBoolean();
      Document capability = new Document("_id", "data.ml");
      if (keepsTotal) {
        capability.append("keepsTotal", true).append("total", counters(random, counters));
      }
      Document months = new Document();
      for (int m = -2; m <= 2; m++) {
        if (random.nextBoolean()) {
          months.append(month.plusMonths(m).toString(), counters(random, counters));
        }
      }
      capability.append("months", months);
      Document own = new Document();
      Document flat = new Document();
      Document days = new Document();
      for (int i = random.nextInt(20); i > 0; i--) {
        int day = 1 + random.nextInt(month.lengthOfMonth());
        String counter = counters.get(random.nextInt(counters.size()));
        long change = (long) random.nextInt(9) - 4;
        switch (random.nextInt(4)) {
          case 0 -> days.append(month.atDay(day).toString(), new Document(counter, change));
          case 1 -> flat.append(String.format("%02d|%s", day, counter), change);
          default -> own.append(String.format("%02d|%s", day, counter), change);
        }
      }
      Document monthDocument =
          new Document("_id", "data.ml|" + month)
              .append("net", counters(random, counters))
              .append("d", flat)
              .append("days", days);
      monthDocument.putAll(own);
      LocalDate day = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
      Map<String, Long> whole = CoverageCalendar.countersOn(capability, monthDocument, day);
      Map<String, Long> some = new HashMap<>(whole);
      some.keySet().removeIf(wanted.negate());
      assertThat(CoverageCalendar.countersOn(capability, monthDocument, day, wanted))
          .as("seed %d", seed)
          .isEqualTo(some);
    }
  }

  private static Document counters(Random random, List<String> names) {
    Document counters = new Document();
    names.forEach(
        n -> {
          if (random.nextBoolean()) {
            counters.append(n, (long) random.nextInt(21) - 10);
          }
        });
    return counters;
  }
}
