package io.captrack.projector.timeline;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.partner.PartnerAgreementAmended;
import io.captrack.schemas.partner.PartnerAgreementRenewed;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerAgreementTerminated;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.partner.QualificationStatus;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything captrack knows about one partner, by effective date; like {@link PersonHistory}, a set
 * of events keyed by id, indifferent to duplicates and arrival order.
 *
 * <p>A partner lends a capability on a day only when, that day, its status is ACTIVE, it is
 * qualified for the capability, and an agreement naming the capability is in force (from its start
 * to its end, renewals extending and a termination cutting it, amendments changing the terms from
 * their own date). Its capacity is the sum of those agreements' FTE. Each of the three is read on
 * its own effective timeline, whatever day it was recorded:
 *
 * <ul>
 *   <li>status: the latest change effective on or before the day (ONBOARDING before any);
 *   <li>qualification, per round: the latest decision (QUALIFIED, CONDITIONAL, REJECTED,
 *       DISQUALIFIED) whose validFrom is on or before the day; QUALIFIED and CONDITIONAL hold up to
 *       their validUntil. IN_PROGRESS only says a round is open: it neither grants nor cuts, so a
 *       decision back-dated before its round was opened holds over its whole window, and a new
 *       round in progress leaves a qualification in force alone. Qualified for a capability when
 *       any round naming it has a decision in force that day.
 * </ul>
 *
 * Ties on a date go to the later recorded event, then the larger id.
 */
public final class PartnerHistory {

  private final String partnerId;

  /** The counter of this partner's lent capacity, {@code fte:<partnerId>}. */
  private final String fteKey;

  private final Map<String, CloudEvent<?>> events = new LinkedHashMap<>();
  private final Map<String, Optional<TimeToCapability>> timesToCapability = new HashMap<>();
  private PartnerEvents index;
  private final Map<String, Calendar> calendars = new HashMap<>();

  /** Capacity lent by capability and day, as the events so far give it (see lentCentiOn). */
  private final Map<String, Map<LocalDate, Long>> lent = new HashMap<>();

  /** Every capability any term of an agreement ever named, voided or not. */
  private final Map<String, Set<String>> agreementCapabilities = new HashMap<>();

  /** The earliest start any signing of an agreement gave, voided or not. */
  private final Map<String, LocalDate> agreementStarts = new HashMap<>();

  /** Every capability any state of a qualification round ever named, voided or not. */
  private final Map<String, Set<String>> roundCapabilities = new HashMap<>();

  public PartnerHistory(String partnerId) {
    this.partnerId = partnerId;
    this.fteKey = "fte:" + partnerId;
  }

  /**
   * Adds an event; false when it was known already. Only the calendars of the capabilities it can
   * change ({@link #affectedBy}) are computed again.
   */
  public boolean add(CloudEvent<?> event) {
    if (events.containsKey(event.id())) {
      return false;
    }
    Set<String> affected = affectedBy(event);
    events.put(event.id(), event);
    Object d = event.data();
    if (d instanceof PartnerAgreementSigned s) {
      named(agreementCapabilities, s.agreementId(), s.capabilities());
      agreementStarts.merge(s.agreementId(), s.effectiveFrom(), PartnerHistory::earliest);
    } else if (d instanceof PartnerAgreementAmended a) {
      named(agreementCapabilities, a.agreementId(), a.capabilities());
    } else if (d instanceof PartnerQualificationChanged q) {
      named(roundCapabilities, q.qualificationId(), q.capabilities());
    }
    if (affected == null) {
      timesToCapability.clear();
      calendars.clear();
    } else {
      timesToCapability.keySet().removeAll(affected);
      calendars.keySet().removeAll(affected);
    }
    if (index != null && !index.add(event)) {
      index = null;
    }
    lent.clear();
    return true;
  }

  private static void named(Map<String, Set<String>> byId, String id, List<String> capabilities) {
    byId.computeIfAbsent(id, x -> new HashSet<>()).addAll(capabilities);
  }

  /**
   * The capabilities whose figures an event not yet added can change, from what this history knows
   * (a superset: every capability the agreement's or the round's terms ever named); null when it
   * may change any (a status change, or a kind not listed here). A void changes what the event it
   * cancels changed; a void of a void, or of an event not known yet, changes nothing.
   */
  public Set<String> affectedBy(CloudEvent<?> event) {
    Object d = event.data();
    Set<String> ids = new HashSet<>();
    if (d instanceof PartnerQualificationChanged q) {
      ids.addAll(q.capabilities());
      ids.addAll(roundCapabilities.getOrDefault(q.qualificationId(), Set.of()));
    } else if (d instanceof PartnerAgreementSigned s) {
      ids.addAll(s.capabilities());
      ids.addAll(agreementCapabilities.getOrDefault(s.agreementId(), Set.of()));
    } else if (d instanceof PartnerAgreementAmended a) {
      ids.addAll(a.capabilities());
      ids.addAll(agreementCapabilities.getOrDefault(a.agreementId(), Set.of()));
    } else if (d instanceof PartnerAgreementRenewed r) {
      ids.addAll(agreementCapabilities.getOrDefault(r.agreementId(), Set.of()));
    } else if (d instanceof PartnerAgreementTerminated t) {
      ids.addAll(agreementCapabilities.getOrDefault(t.agreementId(), Set.of()));
    } else if (d instanceof EventVoided v) {
      CloudEvent<?> target = events.get(v.voidedEventId());
      if (target == null || target.data() instanceof EventVoided) {
        return ids;
      }
      return affectedBy(target);
    } else {
      return null;
    }
    return ids;
  }

  /**
   * The first day whose figures an event not yet added can change, from what this history knows;
   * null when it may change any day (an event that names no day, a kind not listed here). Each rule
   * reads a day's answer from events effective on or before it: a status change from its day, a
   * round's decision from its validFrom, an amendment from its effectiveFrom, a termination from
   * its day. An agreement's end can move to before the event's own days (a renewal recorded later,
   * a void of one), never before the agreement begins, so an event about an agreement counts from
   * its start too. A void changes what the event it cancels changed.
   */
  public LocalDate affectedFrom(CloudEvent<?> event) {
    Object d = event.data();
    if (d instanceof EventVoided v) {
      CloudEvent<?> target = events.get(v.voidedEventId());
      return target == null || target.data() instanceof EventVoided ? null : affectedFrom(target);
    }
    if (d instanceof PartnerStatusChanged s) {
      return s.effectiveOn();
    }
    if (d instanceof PartnerQualificationChanged q) {
      return q.validFrom();
    }
    if (d instanceof PartnerAgreementSigned s) {
      return earliest(s.effectiveFrom(), startOf(s.agreementId()));
    }
    if (d instanceof PartnerAgreementAmended a) {
      return earliest(a.effectiveFrom(), startOf(a.agreementId()));
    }
    if (d instanceof PartnerAgreementRenewed r) {
      LocalDate day = earliest(r.previousEffectiveTo(), r.effectiveTo());
      return earliest(day, startOf(r.agreementId()));
    }
    if (d instanceof PartnerAgreementTerminated t) {
      return earliest(t.effectiveOn(), startOf(t.agreementId()));
    }
    return null;
  }

  /** The first day of an agreement, as its signings known so far say; null when none is known. */
  private LocalDate startOf(String agreementId) {
    return agreementStarts.get(agreementId);
  }

  private static LocalDate earliest(LocalDate a, LocalDate b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  /**
   * The part of {@link #calendar} an event that changes no day before {@code from} can change: the
   * counters on {@code from} as they stand that day, then the changes of every later day. Such
   * parts taken before and after the event differ exactly as the whole calendars do; computing one
   * costs the days from {@code from} on, not the partner's whole history.
   */
  public Calendar calendarFrom(String capabilityId, LocalDate from) {
    List<LocalDate> days = new ArrayList<>();
    days.add(from);
    days.addAll(index().boundaries.tailSet(from, false));
    return changes(capabilityId, days);
  }

  /** The counters on each day, less those of the day before in the list (none before the first). */
  private Calendar changes(String capabilityId, Iterable<LocalDate> days) {
    Calendar calendar = new Calendar();
    Map<String, Long> previous = Map.of();
    for (LocalDate day : days) {
      Map<String, Long> now = countersOn(capabilityId, day);
      calendar.step(day, previous, now);
      previous = now;
    }
    return calendar;
  }

  /**
   * What the partner adds to a capability's figures, as changes by day: the counters on each day an
   * answer may change, less those of the day before. Kept until the next event. Not to be changed.
   */
  public Calendar calendar(String capabilityId) {
    return calendars.computeIfAbsent(capabilityId, c -> changes(c, index().boundaries));
  }

  public int size() {
    return events.size();
  }

  public List<CloudEvent<?>> events() {
    return List.copyOf(events.values());
  }

  /**
   * Drops what is computed from the events and built again when asked (the typed index, cached
   * calendars), for a history kept in memory between batches: the index about doubles what a
   * partner takes (about 410 bytes an event with it, 200 without, on the benchmark's partners), and
   * the next event added would make it stale anyway.
   */
  public PartnerHistory compact() {
    index = null;
    calendars.clear();
    lent.clear();
    return this;
  }

  /**
   * The typed index of the events no void cancelled: built once, then kept up to date event by
   * event; built again after a void.
   */
  private PartnerEvents index() {
    if (index == null) {
      index = new PartnerEvents(events.values());
    }
    return index;
  }

  /** The capabilities any agreement or qualification round names. */
  public Set<String> capabilities() {
    return Collections.unmodifiableSet(index().capabilities);
  }

  /**
   * What the partner adds to a capability's figures on a day: lent capacity ({@code fte}, {@code
   * fte:<partnerId>}); {@code onboarding} while its status is ONBOARDING and a round naming the
   * capability is open (begun, and not ended by a rejection or disqualification in force); and,
   * from the first day it lends capacity, its time to capability in days since its first
   * qualification round for the capability began ({@code ttc:BORROW:<days>}).
   */
  public Map<String, Long> countersOn(String capabilityId, LocalDate day) {
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
          for (LocalDate boundary : index().boundaries) {
            if (lentCentiOn(c, boundary) != 0) {
              firstLent = boundary;
              break;
            }
          }
          if (firstLent == null) {
            return Optional.empty();
          }
          LocalDate began = firstLent;
          for (LocalDate first : index().roundsBegun.getOrDefault(c, Map.of()).values()) {
            if (first.isBefore(began)) {
              began = first;
            }
          }
          return Optional.of(
              new TimeToCapability(
                  firstLent, "ttc:BORROW:" + ChronoUnit.DAYS.between(began, firstLent)));
        });
  }

  /** Every day on which an answer may change. */
  public Set<LocalDate> boundaries() {
    return Collections.unmodifiableSet(index().boundaries);
  }

  /** The capacity, in hundredths of an FTE, the partner lends the capability on the day. */
  public Optional<Long> fteCentiOn(String capabilityId, LocalDate day) {
    long centi = lentCentiOn(capabilityId, day);
    return centi == 0 ? Optional.empty() : Optional.of(centi);
  }

  /**
   * The same, 0 when it lends none; kept until the next event, since a batch asks for the same days
   * again (the calendar after an event, then the partner's profile).
   */
  private long lentCentiOn(String capabilityId, LocalDate day) {
    return lent.computeIfAbsent(capabilityId, c -> new HashMap<>())
        .computeIfAbsent(day, d -> lentCentiComputed(capabilityId, d));
  }

  private long lentCentiComputed(String capabilityId, LocalDate day) {
    List<PartnerEvents.Lending> lendings = index().signedFor.get(capabilityId);
    if (lendings == null
        || lendings.isEmpty()
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
  public List<Expiry> expiries() {
    List<Expiry> ending = new ArrayList<>();
    for (PartnerAgreementSigned s : index().signed) {
      LocalDate end = endOf(s);
      if (end != null) {
        ending.add(
            new Expiry("AGREEMENT", s.agreementId(), partnerId, capabilities(s), end.minusDays(1)));
      }
    }
    for (String round : index().decisions.keySet()) {
      PartnerQualificationChanged q = index().decisionOn(round, LocalDate.MAX);
      if (q.status().inForce() && q.validUntil() != null) {
        ending.add(
            new Expiry(
                "QUALIFICATION", q.qualificationId(), partnerId, q.capabilities(), q.validUntil()));
      }
    }
    return ending;
  }

  /** The counters a partner's capacity adds: in all, and per partner for dependency views. */
  public Map<String, Long> counters(long fteCenti) {
    return Map.of("fte", fteCenti, fteKey, fteCenti);
  }

  PartnerStatus statusOn(LocalDate day) {
    Map.Entry<LocalDate, PartnerStatus> e = index().statuses.floorEntry(day);
    return e == null ? PartnerStatus.ONBOARDING : e.getValue();
  }

  boolean qualifiedOn(String capabilityId, LocalDate day) {
    for (String round : index().decidedRounds.getOrDefault(capabilityId, Set.of())) {
      PartnerQualificationChanged q = index().decisionOn(round, day);
      if (q != null
          && q.status().inForce()
          && q.capabilities().contains(capabilityId)
          && (q.validUntil() == null || !day.isAfter(q.validUntil()))) {
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
    for (Map.Entry<String, LocalDate> round :
        index().roundsBegun.getOrDefault(capabilityId, Map.of()).entrySet()) {
      if (round.getValue().isAfter(day)) {
        continue;
      }
      PartnerQualificationChanged d = index().decisionOn(round.getKey(), day);
      if (d == null
          || (d.status() != QualificationStatus.REJECTED
              && d.status() != QualificationStatus.DISQUALIFIED)) {
        return true;
      }
    }
    return false;
  }

  /** The first day the agreement is over, as its latest terms say; null when open-ended. */
  private LocalDate endOf(PartnerAgreementSigned signed) {
    return endOf(signed, index().termsOn(signed.agreementId(), LocalDate.MAX));
  }

  private List<String> capabilities(PartnerAgreementSigned signed) {
    PartnerAgreementAmended latest = index().termsOn(signed.agreementId(), LocalDate.MAX);
    return latest == null ? signed.capabilities() : latest.capabilities();
  }

  private LocalDate endOf(PartnerAgreementSigned signed, PartnerAgreementAmended amended) {
    return index().endOf(signed, amended);
  }
}
