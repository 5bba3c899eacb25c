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

/** A capability's counters on a day, from its document and its month documents. */
class CoverageCalendarTests {

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
