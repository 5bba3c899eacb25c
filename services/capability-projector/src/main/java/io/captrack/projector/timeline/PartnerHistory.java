package io.captrack.projector.timeline;

import io.captrack.platform.readmodel.BinaryIn;
import io.captrack.platform.readmodel.BinaryOut;
import io.captrack.schemas.CloudEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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

  private final Map<String, PartnerFact> events = new LinkedHashMap<>();
  private final AwaitedEvents awaited = new AwaitedEvents();
  private PartnerEvents index;
  private final Map<String, Calendar> calendars = new HashMap<>();

  /** The rules on a day, read from the index. */
  private final PartnerDays days;

  /** What an event not yet added can change, from the facts so far. */
  private final PartnerReach reach = new PartnerReach(events);

  /**
   * The frozen form this history was thawed from, how many facts it holds, where they begin and end
   * in it, and the refs they wrote: facts are only ever added, after those, so {@link #freeze()}
   * copies their bytes and writes only the facts added since.
   */
  private byte[] thawedFrom;

  private int thawedFacts;
  private int thawedFactsStart;
  private int thawedFactsEnd;
  private List<String> thawedRefs;

  public PartnerHistory(String partnerId) {
    this.partnerId = partnerId;
    this.days = new PartnerDays(partnerId, this::index);
  }

  /**
   * Adds an event; false when it was known already. Only the calendars of the capabilities it can
   * change ({@link #affectedBy}) are computed again.
   */
  public boolean add(CloudEvent<?> event) {
    return add(PartnerFact.of(event));
  }

  /** Adds the fact an event states; false when it was known already. */
  public boolean add(PartnerFact fact) {
    if (events.containsKey(fact.id())) {
      return false;
    }
    Set<String> affected = reach.affectedBy(fact);
    events.put(fact.id(), fact);
    boolean isVoid = fact.kind() == PartnerFact.Kind.VOIDED;
    awaited.added(fact.id(), isVoid ? fact.ref() : null, isVoid && events.containsKey(fact.ref()));
    reach.record(fact);
    if (affected == null) {
      calendars.clear();
    } else {
      calendars.keySet().removeAll(affected);
    }
    if (index != null && !index.add(fact)) {
      index = null;
    }
    days.forget(affected);
    return true;
  }

  /**
   * The capabilities whose figures an event not yet added can change, from what this history knows
   * (a superset: every capability the agreement's or the round's terms ever named); null when it
   * may change any (a status change, or a kind not listed here). A void changes what the event it
   * cancels changed; a void of a void, or of an event not known yet, changes nothing.
   */
  public Set<String> affectedBy(CloudEvent<?> event) {
    return affectedBy(PartnerFact.of(event));
  }

  /** As {@link #affectedBy(CloudEvent)}, for the fact an event states. */
  public Set<String> affectedBy(PartnerFact fact) {
    return reach.affectedBy(fact);
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
    return affectedFrom(PartnerFact.of(event));
  }

  /** As {@link #affectedFrom(CloudEvent)}, for the fact an event states. */
  public LocalDate affectedFrom(PartnerFact fact) {
    return reach.affectedFrom(fact);
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

  /** Whether a void in this history waits for the event: one that came before it, or misrouted. */
  public boolean awaitedByVoid(String eventId) {
    return awaited.awaited(eventId);
  }

  /**
   * The voids of this history that wait, each by the id of the event it cancels (in id order): the
   * owner's document lists them, so that they are counted across restarts.
   */
  public Map<String, String> waitingVoids() {
    return awaited.byEvent();
  }

  public int size() {
    return events.size();
  }

  /**
   * The facts in a compact binary form, in the order they were added: what the projector keeps of a
   * partner between batches, about a tenth of what its events take decoded. What is computed from
   * them (the typed index, calendars) is built again when asked. The facts of the form it was
   * thawed from are copied as they were written, only those added since are written (the bytes are
   * the same as writing them all).
   */
  public byte[] freeze() {
    BinaryOut out = new BinaryOut(64 * events.size() + 64);
    try {
      out.writeUTF(partnerId);
      out.writeInt(events.size());
      Map<String, Integer> refs = new HashMap<>();
      int copied = 0;
      if (thawedFrom != null) {
        out.write(thawedFrom, thawedFactsStart, thawedFactsEnd - thawedFactsStart);
        copied = thawedFacts;
        for (String ref : thawedRefs) {
          refs.put(ref, refs.size());
        }
      }
      int i = 0;
      for (PartnerFact fact : events.values()) {
        if (i++ >= copied) {
          fact.writeTo(out, refs);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The history whose facts {@link #freeze()} wrote. */
  public static PartnerHistory thaw(byte[] frozen) {
    BinaryIn in = new BinaryIn(frozen);
    try {
      PartnerHistory history = new PartnerHistory(in.readUTF());
      int count = in.readInt();
      int start = frozen.length - in.available();
      List<String> refs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        history.add(PartnerFact.readFrom(in, refs));
      }
      if (history.events.size() == count) {
        history.thawedFrom = frozen;
        history.thawedFacts = count;
        history.thawedFactsStart = start;
        history.thawedFactsEnd = frozen.length - in.available();
        history.thawedRefs = refs;
      }
      return history;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    return days.countersOn(capabilityId, day);
  }

  /** Every day on which an answer may change. */
  public Set<LocalDate> boundaries() {
    return Collections.unmodifiableSet(index().boundaries);
  }

  /** The capacity, in hundredths of an FTE, the partner lends the capability on the day. */
  public Optional<Long> fteCentiOn(String capabilityId, LocalDate day) {
    long centi = days.lentCentiOn(capabilityId, day);
    return centi == 0 ? Optional.empty() : Optional.of(centi);
  }

  /**
   * The stretches of days on which the partner lends the capability, with the capacity in
   * hundredths of an FTE: {@link #fteCentiOn} over {@link #boundaries}, read in one sweep.
   */
  public List<Segment<Long>> lentStretches(String capabilityId) {
    NavigableMap<LocalDate, Long> lent = days.lentOnBoundaries(capabilityId);
    return Segment.of(
        lent.keySet(),
        d -> {
          long centi = lent.get(d);
          return centi == 0 ? Optional.empty() : Optional.of(centi);
        });
  }

  /** The partner's agreements and qualifications that end on a known day. */
  public List<Expiry> expiries() {
    return days.expiries();
  }

  /** The counters a partner's capacity adds: in all, and per partner for dependency views. */
  public Map<String, Long> counters(long fteCenti) {
    return days.counters(fteCenti);
  }
}
