package io.captrack.projector.timeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One person's timeline for one capability, built in one sweep over the days its claims, enrolments
 * and the person's employment change: the claims valid on a day are kept ordered by strength
 * (precedence, then level, then the earliest), so the holding on each day is the first of them. The
 * result is the calendar of what the person adds to the capability's figures and the stretches of
 * the holding. Its cost grows with the capability's claims, not with every day.
 */
public final class PersonTimeline {

  /** Strongest first: the holding's level and channel are the first claim's. */
  private static final Comparator<Assertion> STRENGTH =
      Comparator.comparingInt(Assertion::precedence)
          .reversed()
          .thenComparing(Comparator.comparingInt(Assertion::level).reversed())
          .thenComparing(Assertion::from)
          .thenComparing(Assertion::eventId);

  private final Calendar calendar = new Calendar();
  private final List<Segment<Holding>> holdings = new ArrayList<>();

  PersonTimeline(
      List<Assertion> claims, List<PersonHistory.Enrolment> enrolments, PersonEvents person) {
    TreeMap<LocalDate, List<Assertion>> starts = new TreeMap<>();
    TreeMap<LocalDate, List<Assertion>> ends = new TreeMap<>();
    TreeMap<LocalDate, Integer> opened = new TreeMap<>();
    TreeMap<LocalDate, List<String>> completed = new TreeMap<>();
    for (Assertion a : claims) {
      starts.computeIfAbsent(a.from(), d -> new ArrayList<>()).add(a);
      if (a.until() != null) {
        ends.computeIfAbsent(a.until(), d -> new ArrayList<>()).add(a);
      }
    }
    for (PersonHistory.Enrolment e : enrolments) {
      if (e.completedOn() != null && e.completedOn().isBefore(e.enrolledOn())) {
        continue; // completed before it began: never in progress, no time to capability
      }
      opened.merge(e.enrolledOn(), 1, Integer::sum);
      if (e.completedOn() != null) {
        opened.merge(e.completedOn(), -1, Integer::sum);
        if (e.succeeded()) {
          long days = ChronoUnit.DAYS.between(e.enrolledOn(), e.completedOn());
          completed
              .computeIfAbsent(e.completedOn(), d -> new ArrayList<>())
              .add("ttc:BUILD:" + days);
        }
      }
    }
    TreeSet<LocalDate> days = new TreeSet<>(starts.keySet());
    days.addAll(ends.keySet());
    days.addAll(opened.keySet());
    days.addAll(completed.keySet());
    if (!days.isEmpty()) {
      days.addAll(person.separations.tailSet(days.first(), true));
      days.addAll(person.hires.tailSet(days.first(), true));
    }
    sweep(days, starts, ends, opened, completed, person);
  }

  private void sweep(
      TreeSet<LocalDate> days,
      TreeMap<LocalDate, List<Assertion>> starts,
      TreeMap<LocalDate, List<Assertion>> ends,
      TreeMap<LocalDate, Integer> opened,
      TreeMap<LocalDate, List<String>> completed,
      PersonEvents person) {
    TreeMap<Assertion, Integer> valid = new TreeMap<>(STRENGTH);
    Map<String, Long> times = new TreeMap<>();
    int open = 0;
    Map<String, Long> previous = Map.of();
    Holding held = null;
    LocalDate heldFrom = null;
    for (LocalDate day : days) {
      starts.getOrDefault(day, List.of()).forEach(a -> valid.merge(a, 1, Integer::sum));
      ends.getOrDefault(day, List.of())
          .forEach(a -> valid.computeIfPresent(a, (k, n) -> n == 1 ? null : n - 1));
      open += opened.getOrDefault(day, 0);
      completed.getOrDefault(day, List.of()).forEach(k -> times.merge(k, 1L, Long::sum));
      boolean employed = person.employedOn(day);
      Holding holding = null;
      if (employed && !valid.isEmpty() && valid.firstKey().level() >= 1) {
        holding = new Holding(valid.firstKey().level(), valid.firstKey().channel());
      }
      Map<String, Long> now = new HashMap<>(times);
      if (holding != null) {
        now.putAll(Calendar.counters(holding));
      }
      if (employed && open > 0) {
        now.put("enrolling", (long) open);
      }
      calendar.step(day, previous, now);
      previous = now;
      if (!Objects.equals(holding, held)) {
        if (held != null) {
          holdings.add(new Segment<>(heldFrom, day, held));
        }
        held = holding;
        heldFrom = day;
      }
    }
    if (held != null) {
      holdings.add(new Segment<>(heldFrom, null, held));
    }
  }

  /** What the person adds to the capability's figures, as changes by day. Not to be changed. */
  public Calendar calendar() {
    return calendar;
  }

  /** The stretches over which the person holds the capability, with the level and channel. */
  public List<Segment<Holding>> holdings() {
    return holdings;
  }
}
