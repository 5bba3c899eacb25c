package io.captrack.projector.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * An event's payload in effective order: by its effective day, then the later recorded, then the
 * larger id. Every "latest on or before a day" rule of captrack reads this one order.
 */
record Dated<T>(LocalDate day, Instant recordedAt, String id, T data) {

  static final Comparator<Dated<?>> ORDER =
      Comparator.comparing((Dated<?> d) -> d.day())
          .thenComparing(Dated::recordedAt)
          .thenComparing(Dated::id);

  static <T> Dated<T> of(PartnerFact fact, LocalDate day, T data) {
    return new Dated<>(day, fact.recordedAt(), fact.id(), data);
  }

  /**
   * The payload in force from each day on: the last in effective order among those of that day.
   * {@code floorEntry(day)} then answers "the latest on or before the day".
   */
  static <T> TreeMap<LocalDate, T> byDay(Collection<Dated<T>> dated) {
    TreeMap<LocalDate, T> latest = new TreeMap<>();
    sorted(dated).forEach(d -> latest.put(d.day(), d.data()));
    return latest;
  }

  static <T> List<Dated<T>> sorted(Collection<Dated<T>> dated) {
    return dated.stream().sorted(ORDER).toList();
  }
}
