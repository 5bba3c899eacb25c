package io.captrack.platform.readmodel;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.bson.Document;

/**
 * How a capability's calendar (its figures as changes by effective day) is stored, MongoDB's bucket
 * pattern: one document per capability and month in {@value #MONTHS_COLLECTION} (id {@code
 * <capabilityId>|<yyyy-MM>}, the changes of each day under {@code days.<yyyy-MM-dd>.<counter>}),
 * and each month's net change in the capability's own document ({@code
 * months.<yyyy-MM>.<counter>}). The figures on a day are the totals of the months before its month
 * plus the changes of its month up to it: two documents, however long the history.
 * capability-projector writes this layout and capability-api reads it.
 */
public final class CoverageCalendar {

  /** The collection of month documents, beside {@code coverage}. */
  public static final String MONTHS_COLLECTION = "coverage_months";

  /** The field of a capability document with each month's net change. */
  public static final String MONTHS = "months";

  /** The field of a month document with each day's changes. */
  public static final String DAYS = "days";

  private CoverageCalendar() {}

  /** The id of a capability's month document. */
  public static String monthId(String capabilityId, YearMonth month) {
    return capabilityId + "|" + month;
  }

  /**
   * The counters on a day, zeros left out.
   *
   * @param capability the capability's document
   * @param month the document of the day's month, or null when it has none
   */
  public static Map<String, Long> countersOn(Document capability, Document month, LocalDate day) {
    Map<String, Long> sum = openingOf(capability, YearMonth.from(day));
    days(month)
        .headMap(day, true)
        .values()
        .forEach(changes -> changes.forEach((k, v) -> sum.merge(k, v, Long::sum)));
    sum.values().removeIf(v -> v == 0);
    return sum;
  }

  /** The counters on the first day of a month: the sum of the totals of the months before it. */
  public static Map<String, Long> openingOf(Document capability, YearMonth month) {
    Map<String, Long> sum = new HashMap<>();
    capability
        .get(MONTHS, new Document())
        .forEach(
            (m, totals) -> {
              if (YearMonth.parse(m).isBefore(month)) {
                add(sum, (Document) totals);
              }
            });
    return sum;
  }

  /** Each day's changes in a month document (none when null). */
  public static NavigableMap<LocalDate, Map<String, Long>> days(Document month) {
    NavigableMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
    if (month != null) {
      month
          .get(DAYS, new Document())
          .forEach(
              (day, changes) ->
                  add(
                      days.computeIfAbsent(LocalDate.parse(day), d -> new HashMap<>()),
                      (Document) changes));
    }
    return days;
  }

  private static void add(Map<String, Long> sum, Document counters) {
    counters.forEach((k, v) -> sum.merge(k, ((Number) v).longValue(), Long::sum));
  }
}
