package io.captrack.projector.timeline;

import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.QualificationStatus;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The partner rules ({@link PartnerHistory}) on a day, read from the partner's typed index of
 * events ({@link PartnerEvents}): its status, its qualification for a capability, the capacity it
 * lends, its open rounds and its time to capability. What it computes is kept until its history
 * tells it to forget: lent capacity on every new event, a time to capability when an event can
 * change its capability.
 */
final class PartnerDays {

  private final String partnerId;

  /** The counter of this partner's lent capacity, {@code fte:<partnerId>}. */
  private final String fteKey;

  /** The index as it stands, built again by the history when a void makes it stale. */
  private final Supplier<PartnerEvents> index;

  private final Map<String, Optional<TimeToCapability>> timesToCapability = new HashMap<>();

  /** Capacity lent by capability and day, as the events so far give it (see lentCentiOn). */
  private final Map<String, Map<LocalDate, Long>> lent = new HashMap<>();

  PartnerDays(String partnerId, Supplier<PartnerEvents> index) {
    this.partnerId = partnerId;
    this.fteKey = "fte:" + partnerId;
    this.index = index;
  }

  /**
   * Forgets what an event changed: lent capacity always, the times to capability of {@code
   * affected} (of every capability when null).
   */
  void forget(Set<String> affected) {
    if (affected == null) {
      timesToCapability.clear();
    } else {
      timesToCapability.keySet().removeAll(affected);
    }
    lent.clear();
  }

  /** See {@link PartnerHistory#countersOn}. */
  Map<String, Long> countersOn(String capabilityId, LocalDate day) {
    Map<String, Long> counters = new HashMap<>(8);
    long centi = lentCentiOn(capabilityId, day);
    if (centi != 0) {
      counters.put("fte", centi);
      counters.put(fteKey, centi);
    }
    if (statusOn(day) == PartnerStatus.ONBOARDING && roundOpenOn(capabilityId, day)) {
      counters.put("onboarding", 1L);
    }
    timeToCapability(capabilityId)
        .filter(ttc -> !ttc.firstLent().isAfter(day))
        .ifPresent(ttc -> counters.put(ttc.counter(), 1L));
    return counters;
  }

  /** The counters a partner's capacity adds: in all, and per partner for dependency views. */
  Map<String, Long> counters(long fteCenti) {
    return Map.of("fte", fteCenti, fteKey, fteCenti);
  }

  /**
   * The first day the partner lent the capability, and its counter: the days since its first round
   * for it ({@code ttc:BORROW:<days>}).
   */
  private record TimeToCapability(LocalDate firstLent, String counter) {}

  /** Computed once per capability while the events stay the same: it does not depend on the day. */
  private Optional<TimeToCapability> timeToCapability(String capabilityId) {
    return timesToCapability.computeIfAbsent(
        capabilityId,
        c -> {
          LocalDate firstLent = null;
          for (LocalDate boundary : index.get().boundaries) {
            if (lentCentiOn(c, boundary) != 0) {
              firstLent = boundary;
              break;
            }
          }
          if (firstLent == null) {
            return Optional.empty();
          }
          LocalDate began = firstLent;
          for (LocalDate first : index.get().roundsBegun.getOrDefault(c, Map.of()).values()) {
            if (first.isBefore(began)) {
              began = first;
            }
          }
          return Optional.of(
              new TimeToCapability(
                  firstLent, "ttc:BORROW:" + ChronoUnit.DAYS.between(began, firstLent)));
        });
  }

  /**
   * The capacity, in hundredths of an FTE, the partner lends the capability on the day, 0 when it
   * lends none; kept until the next event, since a batch asks for the same days again (the calendar
   * after an event, then the partner's profile).
   */
  long lentCentiOn(String capabilityId, LocalDate day) {
    return lent.computeIfAbsent(capabilityId, c -> new HashMap<>())
        .computeIfAbsent(day, d -> lentCentiComputed(capabilityId, d));
  }

  /**
   * The capacity lent on each day on which an answer may change, by one sweep over those days that
   * keeps the agreements able to lend on the day at hand (adding each from its first day, dropping
   * each at its end), so that a day's capacity is summed over those few instead of over every
   * agreement the capability ever had: the values {@link #lentCentiOn} gives, kept with them.
   */
  NavigableMap<LocalDate, Long> lentOnBoundaries(String capabilityId) {
    PartnerEvents events = index.get();
    Map<LocalDate, Long> known = lent.computeIfAbsent(capabilityId, c -> new HashMap<>());
    List<PartnerEvents.Lending> lendings =
        new ArrayList<>(events.signedFor.getOrDefault(capabilityId, List.of()));
    lendings.sort(Comparator.comparing(PartnerEvents.Lending::from));
    List<PartnerEvents.Lending> able = new ArrayList<>();
    int next = 0;
    NavigableMap<LocalDate, Long> byDay = new TreeMap<>();
    for (LocalDate day : events.boundaries) {
      while (next < lendings.size() && !lendings.get(next).from().isAfter(day)) {
        able.add(lendings.get(next++));
      }
      // an agreement past its latest end lends on no later day
      able.removeIf(l -> l.until() != null && !day.isBefore(l.until()));
      Long centi = known.get(day);
      if (centi == null) {
        centi = lentCentiAmong(able, capabilityId, day);
        known.put(day, centi);
      }
      byDay.put(day, centi);
    }
    return byDay;
  }

  private long lentCentiComputed(String capabilityId, LocalDate day) {
    return lentCentiAmong(
        index.get().signedFor.getOrDefault(capabilityId, List.of()), capabilityId, day);
  }

  /**
   * The capacity those of {@code lendings} that can lend on the day lend the capability, 0 while
   * the partner is not active or not qualified for it.
   */
  private long lentCentiAmong(
      List<PartnerEvents.Lending> lendings, String capabilityId, LocalDate day) {
    if (lendings.isEmpty()
        || statusOn(day) != PartnerStatus.ACTIVE
        || !qualifiedOn(capabilityId, day)) {
      return 0;
    }
    long centi = 0;
    for (PartnerEvents.Lending l : lendings) {
      if (l.mayLendOn(day)) {
        centi += l.capacityOn(capabilityId, day);
      }
    }
    return centi;
  }

  /** The partner's agreements and qualifications that end on a known day. */
  List<Expiry> expiries() {
    PartnerEvents events = index.get();
    List<Expiry> ending = new ArrayList<>();
    for (PartnerFact s : events.signed) {
      PartnerFact latest = events.termsOn(s.ref(), LocalDate.MAX);
      // the first day the agreement is over, as its latest terms say; null when open-ended
      LocalDate end = events.endOf(s, latest);
      if (end != null) {
        List<String> capabilities = latest == null ? s.capabilities() : latest.capabilities();
        ending.add(new Expiry("AGREEMENT", s.ref(), partnerId, capabilities, end.minusDays(1)));
      }
    }
    for (String round : events.decisions.keySet()) {
      PartnerFact q = events.decisionOn(round, LocalDate.MAX);
      if (q.qualification().inForce() && q.until() != null) {
        ending.add(new Expiry("QUALIFICATION", q.ref(), partnerId, q.capabilities(), q.until()));
      }
    }
    return ending;
  }

  private PartnerStatus statusOn(LocalDate day) {
    Map.Entry<LocalDate, PartnerStatus> e = index.get().statuses.floorEntry(day);
    return e == null ? PartnerStatus.ONBOARDING : e.getValue();
  }

  private boolean qualifiedOn(String capabilityId, LocalDate day) {
    PartnerEvents events = index.get();
    for (String round : events.decidedRounds.getOrDefault(capabilityId, Set.of())) {
      PartnerFact q = events.decisionOn(round, day);
      if (q != null
          && q.qualification().inForce()
          && q.capabilities().contains(capabilityId)
          && (q.until() == null || !day.isAfter(q.until()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a round naming the capability is open on the day: begun (any state from then or before)
   * and not ended by a rejection or disqualification in force.
   */
  private boolean roundOpenOn(String capabilityId, LocalDate day) {
    PartnerEvents events = index.get();
    for (Map.Entry<String, LocalDate> round :
        events.roundsBegun.getOrDefault(capabilityId, Map.of()).entrySet()) {
      if (round.getValue().isAfter(day)) {
        continue;
      }
      PartnerFact d = events.decisionOn(round.getKey(), day);
      if (d == null
          || (d.qualification() != QualificationStatus.REJECTED
              && d.qualification() != QualificationStatus.DISQUALIFIED)) {
        return true;
      }
    }
    return false;
  }
}
