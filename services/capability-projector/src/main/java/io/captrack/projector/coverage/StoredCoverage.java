package io.captrack.projector.coverage;

import io.captrack.platform.readmodel.CoverageCalendar;
import io.captrack.projector.timeline.Calendar;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * A capability's figures as stored (see {@link CoverageCalendar}): its document and the month
 * documents read with it, enough to answer the figures on the days of those months.
 */
final class StoredCoverage {

  static final StoredCoverage NONE = new StoredCoverage((day, wanted) -> Map.of(), true);

  private final BiFunction<LocalDate, Predicate<String>, Map<String, Long>> on;
  private final boolean keepsTotal;

  private StoredCoverage(
      BiFunction<LocalDate, Predicate<String>, Map<String, Long>> on, boolean keepsTotal) {
    this.on = on;
    this.keepsTotal = keepsTotal;
  }

  /**
   * @param capability the capability's document as {@link CoverageCalendar#read} gives it
   * @param months the month documents read, by month; a month read and not found maps to an empty
   *     document
   */
  static StoredCoverage of(Document capability, Map<YearMonth, Document> months) {
    return new StoredCoverage(
        (day, wanted) -> {
          Document month = months.get(YearMonth.from(day));
          if (month == null) {
            throw new IllegalStateException("the month of " + day + " was not read");
          }
          return CoverageCalendar.countersOn(capability, month, day, wanted);
        },
        Boolean.TRUE.equals(capability.get(CoverageCalendar.KEEPS_TOTAL)));
  }

  /** Figures kept in memory as a calendar. */
  static StoredCoverage of(Calendar calendar) {
    return new StoredCoverage(
        (day, wanted) -> {
          Map<String, Long> on = new HashMap<>(calendar.on(day));
          on.keySet().removeIf(wanted.negate());
          return on;
        },
        true);
  }

  /**
   * Whether the capability's document keeps its total; one created before totals keeps each month's
   * net change itself instead ({@link CoverageCalendar#KEEPS_TOTAL}).
   */
  boolean keepsTotal() {
    return keepsTotal;
  }

  /** The stored counters {@code wanted} accepts on a day of a month that was read. */
  Map<String, Long> on(LocalDate day, Predicate<String> wanted) {
    return on.apply(day, wanted);
  }
}
