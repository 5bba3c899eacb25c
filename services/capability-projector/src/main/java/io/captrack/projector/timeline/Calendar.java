package io.captrack.projector.timeline;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Figures of one capability as changes by effective date: each interval a holder or an agreement
 * contributes adds its counters on its first day and takes them away on the day after its last. The
 * figures on a day are the sum of all changes up to it; a monthly series is one sweep. Because
 * changes only add up, contributions from any number of people and partners combine in any order.
 */
public final class Calendar {

  private final TreeMap<LocalDate, Map<String, Long>> changes = new TreeMap<>();

  public NavigableMap<LocalDate, Map<String, Long>> changes() {
    return changes;
  }

  /** Adds {@code sign} times the contributions of the piecewise-constant function. */
  public <T> Calendar add(
      Set<LocalDate> boundaries,
      Function<LocalDate, Optional<T>> valueOn,
      Function<T, Map<String, Long>> counters,
      int sign) {
    NavigableSet<LocalDate> days = new TreeSet<>(boundaries);
    for (LocalDate day : days) {
      LocalDate before = day.minusDays(1);
      Map<String, Long> now = valueOn.apply(day).map(counters).orElse(Map.of());
      Map<String, Long> was =
          days.lower(day) == null ? Map.of() : valueOn.apply(before).map(counters).orElse(Map.of());
      now.forEach((k, v) -> change(day, k, sign * v));
      was.forEach((k, v) -> change(day, k, -sign * v));
    }
    return this;
  }

  /** Adds another calendar's changes. */
  public Calendar plus(Calendar other) {
    return plus(other, 1);
  }

  /** Adds {@code sign} times another calendar's changes. */
  public Calendar plus(Calendar other, int sign) {
    other.changes.forEach((day, counters) -> counters.forEach((k, v) -> change(day, k, sign * v)));
    return this;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public Calendar copy() {
    return new Calendar().plus(this);
  }

  /**
   * Records that a day's counters are {@code now} where the last day recorded had {@code previous}:
   * each counter's difference, and the end of those no longer there.
   */
  public void step(LocalDate day, Map<String, Long> previous, Map<String, Long> now) {
    now.forEach((k, v) -> change(day, k, v - previous.getOrDefault(k, 0L)));
    previous.forEach(
        (k, v) -> {
          if (!now.containsKey(k)) {
            change(day, k, -v);
          }
        });
  }

  /** Records one change, as read back from storage. */
  public void put(LocalDate day, String key, long delta) {
    change(day, key, delta);
  }

  /** The figures on a day. */
  public Map<String, Long> on(LocalDate day) {
    Map<String, Long> sum = new TreeMap<>();
    changes
        .headMap(day, true)
        .values()
        .forEach(c -> c.forEach((k, v) -> sum.merge(k, v, Long::sum)));
    sum.values().removeIf(v -> v == 0);
    return sum;
  }

  private void change(LocalDate day, String key, long delta) {
    if (delta == 0) {
      return;
    }
    // a day's counters in no particular order: a hash map costs a fraction of a sorted one here,
    // the projector's most frequent operation
    Map<String, Long> counters = changes.computeIfAbsent(day, d -> new HashMap<>());
    long value = counters.merge(key, delta, Long::sum);
    if (value == 0) {
      counters.remove(key);
      if (counters.isEmpty()) {
        changes.remove(day);
      }
    }
  }

  /**
   * The calendar of one person's holding, enrolments and times to capability for one capability.
   */
  public static Calendar of(PersonHistory person, String capabilityId) {
    return person.timeline(capabilityId).calendar().copy();
  }

  /**
   * The calendar of one partner's capacity, onboarding and time to capability for one capability.
   */
  public static Calendar of(PartnerHistory partner, String capabilityId) {
    return partner.calendar(capabilityId).copy();
  }

  /** The calendar of one requisition's opening and time to fill for one capability. */
  public static Calendar of(RequisitionHistory requisition, String capabilityId) {
    return new Calendar()
        .add(
            requisition.boundaries(),
            day -> Optional.of(requisition.countersOn(capabilityId, day)),
            counters -> counters,
            1);
  }

  /** The counters a holding adds to its capability. */
  public static Map<String, Long> counters(Holding h) {
    return Map.of("holders", 1L, "L" + h.level(), 1L, h.channel().name(), 1L);
  }
}
