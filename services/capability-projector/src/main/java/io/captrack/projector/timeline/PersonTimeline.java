package io.captrack.projector.timeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * One person's timeline for one capability, built in one sweep over the days its claims, enrolments
 * and the person's employment change: the claims valid on a day are kept ordered by strength
 * (precedence, then level, then the earliest), so the holding on each day is the first of them. The
 * result is the calendar of what the person adds to the capability's figures and the stretches of
 * the holding. Its cost grows with the capability's claims, not with every day.
 */
public final class PersonTimeline {

  /** Strongest first: the holding's level and channel are the first claim's. */
  private static final Comparator<Assertion> STRENGTH = PersonTimeline::compareStrength;

  /**
   * Negative when {@code a} is the stronger claim: the higher precedence, then the higher level,
   * then the earlier start, then the lower event id. Written out, as it runs for every claim.
   */
  static int compareStrength(Assertion a, Assertion b) {
    if (a.precedence() != b.precedence()) {
      return a.precedence() > b.precedence() ? -1 : 1;
    }
    if (a.level() != b.level()) {
      return a.level() > b.level() ? -1 : 1;
    }
    int byStart = a.from().compareTo(b.from());
    return byStart != 0 ? byStart : a.eventId().compareTo(b.eventId());
  }

  private final Calendar calendar = new Calendar();
  private final List<Segment<Holding>> holdings = new ArrayList<>();

  /** The day the sweep stopped at, or null when it ran to the end. */
  private LocalDate stoppedAt;

  /** The capability's whole timeline. */
  PersonTimeline(String capabilityId, PersonEvents person) {
    this(capabilityId, person, null, null);
  }

  /**
   * The timeline from a day on: its calendar starts with the counters on {@code from} (as a step
   * from none), its holdings with the one on {@code from}. When {@code watched} is given, the sweep
   * stops at the first day on which an open-ended claim other than it, stronger than it, is valid:
   * from then on the watched claim can never be the holding again, so a timeline with it and one
   * without it agree. That day's step is included; the last holding is cut there. The days are
   * visited in order straight from the claims (in the order they start, as {@link PersonEvents}
   * keeps them), the ends pending, the enrolments' days and employment's: a sweep that stops early
   * reads no further. Of the claims that started before {@code from} it reads the strongest
   * open-ended one, which {@link PersonEvents} keeps by day, and those that end: its cost does not
   * grow with the person's assessments before the day.
   */
  PersonTimeline(String capabilityId, PersonEvents person, LocalDate from, Assertion watched) {
    List<Assertion> claims = person.assertions.getOrDefault(capabilityId, List.of());
    List<PersonHistory.Enrolment> enrolments =
        person.enrolments.getOrDefault(capabilityId, List.of());
    Sweep sweep = new Sweep();
    PriorityQueue<Assertion> ends = new PriorityQueue<>(Comparator.comparing(Assertion::until));
    int next = 0;
    if (from != null) {
      // in force before the first day swept: valid on it unless it ended by then
      next = PersonEvents.firstStartingOnOrAfter(claims, from);
      for (Assertion a : person.endingClaims(capabilityId)) {
        if (!a.from().isBefore(from)) {
          break;
        }
        if (a.until().isAfter(from)) {
          sweep.enter(a, watched, ends);
        }
      }
      Assertion lasting = person.strongestLastingBefore(capabilityId, from);
      if (lasting != null && watched != null && lasting.eventId().equals(watched.eventId())) {
        // the watched event's own claim leads: the strongest of the others takes a look at each
        for (int i = 0; i < next; i++) {
          if (claims.get(i).until() == null) {
            sweep.enter(claims.get(i), watched, ends);
          }
        }
      } else if (lasting != null) {
        sweep.enter(lasting, watched, ends);
      }
    }
    TreeMap<LocalDate, Integer> opened = new TreeMap<>();
    TreeMap<LocalDate, List<String>> completed = new TreeMap<>();
    for (PersonHistory.Enrolment e : enrolments) {
      if (e.completedOn() != null && e.completedOn().isBefore(e.enrolledOn())) {
        continue; // completed before it began: never in progress, no time to capability
      }
      String time = null;
      if (e.completedOn() != null && e.succeeded()) {
        time = "ttc:BUILD:" + ChronoUnit.DAYS.between(e.enrolledOn(), e.completedOn());
      }
      if (from != null && e.enrolledOn().isBefore(from)) {
        sweep.open++;
      } else {
        opened.merge(e.enrolledOn(), 1, Integer::sum);
      }
      if (e.completedOn() == null) {
        continue;
      }
      if (from != null && e.completedOn().isBefore(from)) {
        sweep.open--;
        if (time != null) {
          sweep.times.merge(time, 1L, Long::sum);
        }
      } else {
        opened.merge(e.completedOn(), -1, Integer::sum);
        if (time != null) {
          completed.computeIfAbsent(e.completedOn(), d -> new ArrayList<>()).add(time);
        }
      }
    }
    LocalDate day = from;
    if (day == null) {
      day =
          Shared.earliest(
              next < claims.size() ? claims.get(next).from() : null,
              opened.isEmpty() ? null : opened.firstKey());
    }
    while (day != null) {
      while (next < claims.size() && !claims.get(next).from().isAfter(day)) {
        sweep.enter(claims.get(next++), watched, ends);
      }
      while (!ends.isEmpty() && !ends.peek().until().isAfter(day)) {
        Assertion ended = ends.poll();
        sweep.ending.computeIfPresent(ended, (k, n) -> n == 1 ? null : n - 1);
      }
      sweep.open += opened.getOrDefault(day, 0);
      completed.getOrDefault(day, List.of()).forEach(k -> sweep.times.merge(k, 1L, Long::sum));
      sweep.step(day, person.employedOn(day));
      if (sweep.outranks(watched)) {
        sweep.cut(day);
        stoppedAt = day;
        return;
      }
      day =
          Shared.earliest(
              Shared.earliest(
                  next < claims.size() ? claims.get(next).from() : null,
                  ends.isEmpty() ? null : ends.peek().until()),
              Shared.earliest(
                  Shared.earliest(opened.higherKey(day), completed.higherKey(day)),
                  Shared.earliest(person.separations.higher(day), person.hires.higher(day))));
    }
    sweep.cut(null);
  }

  /** The stronger of two claims, either of which may be missing. */
  private static Assertion stronger(Assertion a, Assertion b) {
    if (a == null) {
      return b;
    }
    return b == null || STRENGTH.compare(a, b) <= 0 ? a : b;
  }

  /**
   * The state of the sweep: the claims valid, enrolments open and times to capability so far. Of
   * the open-ended claims only the strongest is kept: none of them ever stops being valid, so no
   * other can be the strongest again.
   */
  private final class Sweep {
    /** The valid claims that end, strongest first, each with how many times it was entered. */
    final TreeMap<Assertion, Integer> ending = new TreeMap<>(STRENGTH);

    final Map<String, Long> times = new TreeMap<>();
    int open;

    /** The strongest open-ended claim entered. */
    private Assertion lasting;

    /** The same, leaving out the claims of the watched claim's event. */
    private Assertion lastingOther;

    private Map<String, Long> previous = Map.of();
    private Holding held;
    private LocalDate heldFrom;

    void enter(Assertion a, Assertion watched, PriorityQueue<Assertion> ends) {
      if (a.until() != null) {
        ending.merge(a, 1, Integer::sum);
        ends.add(a);
        return;
      }
      lasting = stronger(lasting, a);
      if (watched == null || !a.eventId().equals(watched.eventId())) {
        lastingOther = stronger(lastingOther, a);
      }
    }

    boolean outranks(Assertion watched) {
      return watched != null && lastingOther != null && STRENGTH.compare(lastingOther, watched) < 0;
    }

    void step(LocalDate day, boolean employed) {
      Holding holding = null;
      Assertion first = stronger(lasting, ending.isEmpty() ? null : ending.firstKey());
      if (employed && first != null && first.level() >= 1) {
        holding = new Holding(first.level(), first.channel());
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

    /** Ends the last holding at the day (open-ended when null). */
    void cut(LocalDate day) {
      if (held != null && (day == null || heldFrom.isBefore(day))) {
        holdings.add(new Segment<>(heldFrom, day, held));
      }
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

  /** The day a sweep that watched a claim stopped at; null when it ran to the end. */
  LocalDate stoppedAt() {
    return stoppedAt;
  }
}
