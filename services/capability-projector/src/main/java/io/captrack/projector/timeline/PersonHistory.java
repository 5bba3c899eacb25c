package io.captrack.projector.timeline;

import io.captrack.platform.readmodel.BinaryIn;
import io.captrack.platform.readmodel.BinaryOut;
import io.captrack.schemas.Channel;
import io.captrack.schemas.CloudEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything captrack knows about one person, by effective date. Adding an event twice changes
 * nothing, and the order events arrive in does not matter: the state is a set of facts keyed by
 * event id, and every answer is computed from the whole set.
 *
 * <p>Rules: a person holds nothing from a leaving date until a later hire. On a day, the claims
 * that count are the valid, non-voided ones of the highest method precedence; the level is their
 * highest, the channel that of the earliest such claim at that level. A hire (the recruitment
 * assessment) and a passed training weigh as an assessment, a credential as a certification, a
 * redeployment as a manager's judgement; proficiency assessments by their method.
 *
 * <p>Each event is kept as the fact the rules read of it ({@link PersonFact}); the facts are
 * indexed once per change ({@link PersonEvents}), and each capability's timeline is one sweep over
 * its own claims and enrolments ({@link PersonTimeline}), kept until an event that can change it
 * arrives ({@link #affectedBy}).
 */
public final class PersonHistory {

  private final Map<String, PersonFact> events = new LinkedHashMap<>();
  private final AwaitedEvents awaited = new AwaitedEvents();
  private PersonEvents index;
  private final Map<String, PersonTimeline> timelines = new HashMap<>();

  /** Holdings per capability as a frozen history carried them, until an event can change them. */
  private final Map<String, List<Segment<Holding>>> keptHoldings = new HashMap<>();

  private final Map<String, Set<String>> credentialCapabilities = new HashMap<>();
  private final Map<String, Set<String>> enrolmentCapabilities = new HashMap<>();

  /** The earliest day any issue of a credential names. */
  private final Map<String, LocalDate> credentialDays = new HashMap<>();

  /**
   * The frozen form this history was thawed from, how many facts it holds and where they end in it:
   * facts are only ever added, after those, so {@link #freeze()} copies their bytes and writes only
   * the facts added since.
   */
  private byte[] thawedFrom;

  private int thawedFacts;
  private int thawedFactsEnd;

  /** Adds an event of this person; false when it was known already. */
  public boolean add(CloudEvent<?> event) {
    return add(PersonFact.of(event));
  }

  /** Adds a fact of this person; false when it was known already. */
  boolean add(PersonFact fact) {
    if (events.putIfAbsent(fact.id(), fact) != null) {
      return false;
    }
    Set<String> affected = affectedBy(fact);
    known(fact);
    if (index != null) {
      index.add(fact, events::get);
    }
    if (affected == null) {
      timelines.clear();
      keptHoldings.clear();
    } else {
      timelines.keySet().removeAll(affected);
      keptHoldings.keySet().removeAll(affected);
    }
    return true;
  }

  /**
   * What a fact just put among the events adds to what this history knows besides its index and
   * timelines: the voids awaited, the capabilities of its credential or enrolment.
   */
  private void known(PersonFact fact) {
    boolean isVoid = fact.kind() == PersonFact.Kind.VOIDED;
    awaited.added(fact.id(), isVoid ? fact.ref() : null, isVoid && events.containsKey(fact.ref()));
    if (fact.kind() == PersonFact.Kind.ISSUED) {
      credentialCapabilities
          .computeIfAbsent(fact.ref(), i -> new HashSet<>())
          .add(fact.capabilityId());
      credentialDays.merge(fact.ref(), fact.on(), Shared::earliest);
    } else if (fact.kind() == PersonFact.Kind.ENROLLED) {
      enrolmentCapabilities
          .computeIfAbsent(fact.ref(), i -> new HashSet<>())
          .add(fact.capabilityId());
    }
  }

  /**
   * Adds an event and says what it changes: for each capability whose figures it changes, the
   * change to the person's calendar of it; null when the event was known already. Only the days
   * from the first one the event can change ({@link #affectedFrom}) are swept, before and after;
   * for a claim that only adds to what the person holds (an assessment, a redeployment) the sweep
   * stops where a stronger lasting claim already holds, since it can change nothing from there on.
   * The holdings are spliced the same way, so what the projector keeps of the person needs no sweep
   * of the whole history either.
   */
  public Map<String, Calendar> addWithChanges(CloudEvent<?> event) {
    PersonFact fact = PersonFact.of(event);
    if (events.containsKey(fact.id())) {
      return null;
    }
    Set<String> affected = affectedBy(fact);
    LocalDate from = affectedFrom(fact);
    Set<String> before = affected != null ? affected : capabilities();
    Map<String, PersonTimeline> was = new HashMap<>();
    Map<String, List<Segment<Holding>>> held = new HashMap<>();
    for (String c : before) {
      was.put(c, from == null ? timeline(c) : timelineFrom(c, from, fact));
      List<Segment<Holding>> known = knownHoldings(c);
      if (known != null) {
        held.put(c, known);
      }
    }
    add(fact);
    Set<String> touched = new TreeSet<>(before);
    if (affected == null) {
      touched.addAll(capabilities());
    }
    Map<String, Calendar> changes = new TreeMap<>();
    for (String c : touched) {
      PersonTimeline now = from == null ? timeline(c) : timelineFrom(c, from, fact);
      Calendar change = new Calendar().plus(now.calendar());
      PersonTimeline then = was.get(c);
      if (then != null) {
        change.plus(then.calendar(), -1);
      }
      if (!change.isEmpty()) {
        changes.put(c, change);
      }
      List<Segment<Holding>> old = before.contains(c) ? held.get(c) : List.of();
      if (from != null && old != null) {
        keptHoldings.put(c, Segment.splice(old, from, now.stoppedAt(), now.holdings()));
      }
    }
    return changes;
  }

  /**
   * The first day whose figures an event not yet added can change; null when it may change any.
   * Every rule looks back only: a claim, a leaving or a hire, an enrolment counts from its own day;
   * a completion also from its enrolment's (one that ends an enrolment before it began undoes the
   * whole enrolment); an issue, a revocation or a renewal of a credential from the credential's
   * earliest issue; a void from the day of what it cancels.
   */
  LocalDate affectedFrom(PersonFact fact) {
    if (fact.kind() == PersonFact.Kind.VOIDED) {
      PersonFact target = events.get(fact.ref());
      return target == null || target.kind() == PersonFact.Kind.VOIDED
          ? null
          : affectedFrom(target);
    }
    return switch (fact.kind()) {
      case HIRED, SEPARATED, REDEPLOYED, ASSESSED, ENROLLED, COMPLETED, ISSUED, REVOKED ->
          fact.on();
      case RENEWED -> credentialDays.get(fact.ref());
      default -> null;
    };
  }

  /**
   * The capability's timeline from a day on, stopped early when the fact only adds a claim, or is a
   * void of one that only added a claim: the timelines with and without that claim agree from the
   * first day a stronger open-ended claim holds, whichever way the claim goes.
   */
  private PersonTimeline timelineFrom(String capabilityId, LocalDate from, PersonFact fact) {
    PersonFact claiming = fact;
    if (fact.kind() == PersonFact.Kind.VOIDED) {
      PersonFact target = events.get(fact.ref());
      claiming = target == null ? fact : target;
    }
    return new PersonTimeline(
        capabilityId, index(), from, PersonEvents.addedClaim(claiming, capabilityId));
  }

  /** The holdings as a cached timeline or a thawed history has them; null when not at hand. */
  private List<Segment<Holding>> knownHoldings(String capabilityId) {
    PersonTimeline timeline = timelines.get(capabilityId);
    if (timeline != null) {
      return timeline.holdings();
    }
    List<Segment<Holding>> kept = keptHoldings.get(capabilityId);
    if (kept != null) {
      return kept;
    }
    return index().names(capabilityId) ? null : List.of();
  }

  /**
   * An enrolment with the completion that ended it, if any: the earliest non-voided completion of
   * the same enrolment.
   */
  record Enrolment(
      String capabilityId, LocalDate enrolledOn, LocalDate completedOn, boolean succeeded) {}

  public boolean knows(String eventId) {
    return events.containsKey(eventId);
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

  private PersonEvents index() {
    if (index == null) {
      index = new PersonEvents(events.values());
    }
    return index;
  }

  /**
   * The facts in a compact binary form, in the order they were added, with the holdings of each
   * capability: about a sixth of the memory the history takes as objects. What the projector keeps
   * of a person between batches. The facts of the form it was thawed from are copied as they were
   * written; only those added since are written (the bytes are the same as writing them all).
   */
  public byte[] freeze() {
    BinaryOut out = new BinaryOut(32 * events.size() + 8);
    try {
      out.writeInt(events.size());
      int copied = 0;
      if (thawedFrom != null) {
        out.write(thawedFrom, Integer.BYTES, thawedFactsEnd - Integer.BYTES);
        copied = thawedFacts;
      }
      int i = 0;
      for (PersonFact fact : events.values()) {
        if (i++ >= copied) {
          fact.writeTo(out);
        }
      }
      // and the holdings, so that a thawed history need not sweep capabilities no event changes
      Set<String> capabilities = capabilities();
      out.writeInt(capabilities.size());
      for (String capabilityId : capabilities) {
        List<Segment<Holding>> stretches = holdings(capabilityId);
        Shared.writeCapability(out, capabilityId);
        out.writeInt(stretches.size());
        for (Segment<Holding> s : stretches) {
          Shared.writeDay(out, s.from());
          Shared.writeDay(out, s.to());
          out.writeInt(s.value().level());
          out.writeByte(s.value().channel().ordinal());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The history whose facts (and holdings) {@link #freeze()} wrote. */
  public static PersonHistory thaw(byte[] frozen) {
    PersonHistory history = new PersonHistory();
    BinaryIn in = new BinaryIn(frozen);
    try {
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        // nothing is indexed or swept yet: there is nothing an added fact could make stale
        PersonFact fact = PersonFact.readFrom(in);
        if (history.events.putIfAbsent(fact.id(), fact) == null) {
          history.known(fact);
        }
      }
      if (history.events.size() == count) {
        history.thawedFrom = frozen;
        history.thawedFacts = count;
        history.thawedFactsEnd = frozen.length - in.available();
      }
      int capabilities = in.readInt();
      for (int c = 0; c < capabilities; c++) {
        String capabilityId = Shared.readCapability(in);
        int size = in.readInt();
        List<Segment<Holding>> stretches = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          stretches.add(
              new Segment<>(
                  Shared.readDay(in),
                  Shared.readDay(in),
                  new Holding(in.readInt(), CHANNELS[in.readByte()])));
        }
        history.keptHoldings.put(capabilityId, List.copyOf(stretches));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return history;
  }

  private static final Channel[] CHANNELS = Channel.values();

  /** The capabilities any claim or enrolment names. */
  public Set<String> capabilities() {
    return index().capabilities();
  }

  /**
   * The capabilities whose figures an event not yet added can change, from what this history knows;
   * null when it may change any (employment, or an event of a kind not listed here). A completion
   * also changes its enrolment's capability, a renewal or revocation its credential's, a void what
   * the event it cancels changed.
   */
  public Set<String> affectedBy(CloudEvent<?> event) {
    return affectedBy(PersonFact.of(event));
  }

  private Set<String> affectedBy(PersonFact fact) {
    Set<String> ids = new HashSet<>();
    switch (fact.kind()) {
      case REDEPLOYED -> fact.capabilities().forEach(c -> ids.add(c.capabilityId()));
      case ASSESSED, ENROLLED, ISSUED -> ids.add(fact.capabilityId());
      case COMPLETED -> {
        ids.add(fact.capabilityId());
        ids.addAll(enrolmentCapabilities.getOrDefault(fact.ref(), Set.of()));
      }
      case RENEWED, REVOKED ->
          ids.addAll(credentialCapabilities.getOrDefault(fact.ref(), Set.of()));
      case VOIDED -> {
        PersonFact target = events.get(fact.ref());
        if (target == null || target.kind() == PersonFact.Kind.VOIDED) {
          return ids; // nothing to cancel yet; a void of a void changes nothing
        }
        return affectedBy(target);
      }
      default -> {
        return null;
      }
    }
    return ids;
  }

  /**
   * The stretches over which the person holds the capability, with the level and channel: from the
   * capability's timeline, or as a thawed history carried them while no event changed them.
   */
  public List<Segment<Holding>> holdings(String capabilityId) {
    PersonTimeline timeline = timelines.get(capabilityId);
    if (timeline == null) {
      List<Segment<Holding>> kept = keptHoldings.get(capabilityId);
      if (kept != null) {
        return kept;
      }
      timeline = timeline(capabilityId);
    }
    return timeline.holdings();
  }

  /** The capability's timeline: its calendar of changes and the stretches of its holding. */
  public PersonTimeline timeline(String capabilityId) {
    return timelines.computeIfAbsent(capabilityId, c -> new PersonTimeline(c, index()));
  }

  /**
   * What the person adds to a capability's figures on a day: the holding (holders, level, channel),
   * the enrolments in progress ({@code enrolling}: enrolled, not yet completed, still employed)
   * and, for each passed training that followed an enrolment, its time to capability in days from
   * enrolment to completion ({@code ttc:BUILD:<days>}, counted from the completion on).
   */
  public Map<String, Long> countersOn(String capabilityId, LocalDate day) {
    return timeline(capabilityId).calendar().on(day);
  }

  /** What the person holds of the capability on the day, if anything. */
  public Optional<Holding> holdingOn(String capabilityId, LocalDate day) {
    return holdings(capabilityId).stream()
        .filter(s -> !day.isBefore(s.from()) && (s.to() == null || day.isBefore(s.to())))
        .map(Segment::value)
        .findFirst();
  }

  /** The person's credentials that expire or were revoked, with their last valid day. */
  public List<Expiry> expiries(String personRef) {
    PersonEvents index = index();
    List<Expiry> ending = new ArrayList<>();
    // each issue's own claim: the person's other claims are not read
    for (PersonFact issued : index.credentialEvents()) {
      Assertion a = index.credentialClaim(issued.id());
      if (a != null && a.until() != null) {
        ending.add(
            new Expiry(
                "CREDENTIAL",
                issued.ref(),
                personRef,
                List.of(issued.capabilityId()),
                a.until().minusDays(1)));
      }
    }
    return ending;
  }

  /** Out from a leaving date until a hire that starts on or after it. */
  boolean employedOn(LocalDate day) {
    return index().employedOn(day);
  }
}
