package io.captrack.platform.readmodel;

import com.mongodb.client.model.Projections;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The days of a capability's month document ({@link CoverageCalendar}): each day's change of each
 * counter, as a field of the document itself ({@link #dayCounter}). Documents of earlier projectors
 * hold them under {@link #DAY_COUNTERS} or {@link #DAYS} instead; they still read, a day in more
 * than one layout counting their sum.
 */
public final class MonthDays {

  /**
   * The field of a month document with each day's changes as the first projectors wrote them
   * ({@code days.<yyyy-MM-dd>.<counter>}); still read, never written.
   */
  public static final String DAYS = "days";

  /**
   * The field of a month document with each day's changes as written before they became fields of
   * the document itself ({@code d.<dd>|<counter>}); still read, never written.
   */
  public static final String DAY_COUNTERS = "d";

  /**
   * What a reader of a month's days reads of a month document: all but its net change, the batches
   * it took and its capability, that is its id, its month and its days' changes in any layout.
   */
  public static final Bson DAYS_ONLY =
      Projections.exclude(CoverageCalendar.NET, "seq", "capabilityId");

  private MonthDays() {}

  /**
   * The path of a month document's change of a counter on a day: a field of the document itself,
   * {@code <dd>|<counter>} (the day of the month in two digits, then the counter), beside {@code
   * _id}, {@code capabilityId}, {@code month}, {@code seq} and {@code net}. A server applies an
   * update's {@code $inc}s path by path; a path of one field is the cheapest to find and to change
   * (MongoDB's stand-in splits a dotted path with regular expressions: over half of its time
   * applying {@code $inc}s in a flight recording of a projector's catch-up), and no other field of
   * the document has that form.
   */
  public static String dayCounter(LocalDate day, String counter) {
    int d = day.getDayOfMonth();
    return (d < 10 ? "0" : "") + d + "|" + counter;
  }

  /** One day's change of one counter in a month document. */
  @FunctionalInterface
  public interface Change {
    void accept(int dayOfMonth, String counter, long change);
  }

  /**
   * Each day's change of each counter in a month document, in whichever layouts it holds them: its
   * own fields ({@link #dayCounter}), {@link #DAY_COUNTERS} and {@link #DAYS}.
   */
  public static void forEachChange(Document month, Change each) {
    BiConsumer<String, Object> flat =
        (key, change) -> {
          if (isDayCounter(key)) {
            each.accept(
                Integer.parseInt(key, 0, 2, 10), key.substring(3), ((Number) change).longValue());
          }
        };
    month.forEach(flat);
    Document nested = month.get(DAY_COUNTERS, Document.class);
    if (nested != null) {
      nested.forEach(flat);
    }
    month
        .get(DAYS, new Document())
        .forEach(
            (day, changes) -> {
              // yyyy-MM-dd, a day of the document's month
              int dayOfMonth = Integer.parseInt(day, 8, 10, 10);
              ((Document) changes)
                  .forEach((k, v) -> each.accept(dayOfMonth, k, ((Number) v).longValue()));
            });
  }

  /** Each day's changes in a month document (none when null), see {@link #forEachChange}. */
  public static NavigableMap<LocalDate, Map<String, Long>> days(Document month) {
    NavigableMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
    if (month == null) {
      return days;
    }
    YearMonth m = monthOf(month);
    forEachChange(
        month,
        (dayOfMonth, counter, change) ->
            days.computeIfAbsent(m.atDay(dayOfMonth), d -> new HashMap<>())
                .merge(counter, change, Long::sum));
    return days;
  }

  /** Whether a field of a month document is a day's change of a counter ({@link #dayCounter}). */
  static boolean isDayCounter(String field) {
    return field.length() > 3
        && field.charAt(2) == '|'
        && Character.isDigit(field.charAt(0))
        && Character.isDigit(field.charAt(1));
  }

  /** A month document's month: its {@code month} field, or the end of its id. */
  private static YearMonth monthOf(Document month) {
    String m = month.getString("month");
    if (m == null) {
      String id = month.getString("_id");
      m = id.substring(id.lastIndexOf('|') + 1);
    }
    return YearMonth.parse(m);
  }
}
