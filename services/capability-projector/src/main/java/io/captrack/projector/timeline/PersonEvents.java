package io.captrack.projector.timeline;

import io.captrack.projector.timeline.PersonFact.Kind;
import io.captrack.schemas.Channel;
import io.captrack.schemas.talent.AssessmentMethod;
import io.captrack.schemas.talent.CapabilityLevel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One person's facts ({@link PersonFact}), voids applied, indexed once for the rules of {@link
 * PersonHistory}: the claims and enrolments per capability, the days employment may change, and
 * which capability each credential and enrolment concerns.
 */
final class PersonEvents {

  /**
   * The claims in force per capability, voids applied and credential validity resolved, each list
   * in the order the claims start.
   */
  final Map<String, List<Assertion>> assertions = new HashMap<>();

  /** The enrolments per capability, each with the completion that ended it. */
  final Map<String, List<PersonHistory.Enrolment>> enrolments = new HashMap<>();

  /** The claims that end per capability, in the order they start. */
  private final Map<String, List<Assertion>> ending = new HashMap<>();

  /**
   * Per capability asked for, the days on which the strongest open-ended claim started by then
   * changes, each with that claim: each step's claim is stronger than the one before. Built from
   * the claims when first asked, kept by {@link #add(Assertion)} after.
   */
  private final Map<String, TreeMap<LocalDate, Assertion>> lastingSteps = new HashMap<>();

  /** Leaving dates and hire start dates (voids do not change employment). */
  final TreeSet<LocalDate> separations = new TreeSet<>();

  final TreeSet<LocalDate> hires = new TreeSet<>();

  /**
   * The issues of credentials: each is a claim; a credential issued again under the same id (by a
   * producer's second event) is a second claim, renewed and revoked with the first.
   */
  private final List<PersonFact> credentials = new ArrayList<>();

  /** Per enrolment id, its enrolment events; per event id, the enrolment as indexed. */
  private final Map<String, List<PersonFact>> enrolledAs = new HashMap<>();

  private final Map<String, PersonHistory.Enrolment> enrolmentOf = new HashMap<>();

  /** Per enrolment id, its earliest completion. */
  private final Map<String, PersonFact> completions = new HashMap<>();

  /**
   * Per enrolment id, its completions; per credential id, its renewals and its revocations: in the
   * order they were applied, so that a void of the one that counts finds the next.
   */
  private final Map<String, List<PersonFact>> completedAs = new HashMap<>();

  private final Map<String, List<PersonFact>> renewedAs = new HashMap<>();
  private final Map<String, List<PersonFact>> revokedAs = new HashMap<>();

  /** Per credential id, its issues, latest renewal and earliest revocation. */
  private final Map<String, List<PersonFact>> issuedAs = new HashMap<>();

  private final Map<String, LocalDate> renewedTo = new HashMap<>();
  private final Map<String, LocalDate> revokedOn = new HashMap<>();

  /** Per issue's event id, the claim it makes now. */
  private final Map<String, Assertion> claimOf = new HashMap<>();

  /** The ids of events a void cancelled. */
  private final Set<String> voided = new HashSet<>();

  PersonEvents(Collection<PersonFact> events) {
    for (PersonFact e : events) {
      if (e.kind() == Kind.VOIDED) {
        voided.add(e.ref());
      }
    }
    for (PersonFact e : events) {
      employment(e); // voids do not change employment
      if (!voided.contains(e.id())) {
        apply(e);
      }
    }
  }

  /**
   * Adds an event without indexing every event again: the index then equals one built from all the
   * events. A void takes back what the event it cancels ({@code known} gives it, once added) put in
   * the index; an event a void cancelled already changes employment alone. Its cost grows with the
   * facts that share its capability's claims, its enrolment or its credential, not with the
   * person's other events.
   */
  void add(PersonFact e, Function<String, PersonFact> known) {
    employment(e); // voids do not change employment
    if (e.kind() == Kind.VOIDED) {
      PersonFact target = known.apply(e.ref());
      // a second void of the same event, or a void of a void, changes nothing
      if (voided.add(e.ref()) && target != null && target.kind() != Kind.VOIDED) {
        takeBack(target);
      }
      return;
    }
    if (!voided.contains(e.id())) {
      apply(e);
    }
  }

  private void employment(PersonFact e) {
    if (e.kind() == Kind.SEPARATED) {
      separations.add(e.on());
    } else if (e.kind() == Kind.HIRED) {
      hires.add(e.on());
    }
  }

  /** What a fact no void cancelled adds to the claims and enrolments, or changes in them. */
  private void apply(PersonFact e) {
    switch (e.kind()) {
      case HIRED -> claims(e, AssessmentMethod.ASSESSMENT, Channel.BUY);
      case REDEPLOYED -> claims(e, AssessmentMethod.MANAGER, Channel.REDEPLOY);
      case ASSESSED -> claim(e, e.capabilityId(), e.level(), e.method(), Channel.REDEPLOY);
      case COMPLETED -> {
        completedAs.computeIfAbsent(e.ref(), r -> new ArrayList<>()).add(e);
        PersonFact earliest =
            completions.merge(e.ref(), e, (a, b) -> b.on().isBefore(a.on()) ? b : a);
        if (e.awardsLevel()) {
          claim(e, e.capabilityId(), e.level(), AssessmentMethod.ASSESSMENT, Channel.BUILD);
        }
        if (earliest == e) {
          enrolledAs.getOrDefault(e.ref(), List.of()).forEach(this::enrolment);
        }
      }
      case ENROLLED -> {
        enrolledAs.computeIfAbsent(e.ref(), r -> new ArrayList<>()).add(e);
        enrolment(e);
      }
      case ISSUED -> {
        credentials.add(e);
        issuedAs.computeIfAbsent(e.ref(), r -> new ArrayList<>()).add(e);
        credential(e);
      }
      case RENEWED -> {
        renewedAs.computeIfAbsent(e.ref(), r -> new ArrayList<>()).add(e);
        LocalDate was = renewedTo.get(e.ref());
        if (was == null || e.until().isAfter(was)) {
          renewedTo.put(e.ref(), e.until());
          issuedAs.getOrDefault(e.ref(), List.of()).forEach(this::credential);
        }
      }
      case REVOKED -> {
        revokedAs.computeIfAbsent(e.ref(), r -> new ArrayList<>()).add(e);
        LocalDate was = revokedOn.get(e.ref());
        if (was == null || e.on().isBefore(was)) {
          revokedOn.put(e.ref(), e.on());
          issuedAs.getOrDefault(e.ref(), List.of()).forEach(this::credential);
        }
      }
      default -> {
        // a separation or an event the rules do not read: no claim
      }
    }
  }

  /**
   * Takes back what {@link #apply} put in the index for a fact a void now cancels: its claims, its
   * enrolment, its issue; a completion, renewal or revocation gives way to the next of its
   * enrolment or credential, by the rule that chose it among those applied.
   */
  private void takeBack(PersonFact e) {
    switch (e.kind()) {
      case HIRED -> takeBackClaims(e, AssessmentMethod.ASSESSMENT, Channel.BUY);
      case REDEPLOYED -> takeBackClaims(e, AssessmentMethod.MANAGER, Channel.REDEPLOY);
      case ASSESSED ->
          remove(claimOf(e, e.capabilityId(), e.level(), e.method(), Channel.REDEPLOY));
      case COMPLETED -> {
        List<PersonFact> all = without(completedAs, e);
        if (e.awardsLevel()) {
          remove(
              claimOf(e, e.capabilityId(), e.level(), AssessmentMethod.ASSESSMENT, Channel.BUILD));
        }
        if (completions.get(e.ref()) == e) {
          PersonFact earliest = null;
          for (PersonFact c : all) {
            if (earliest == null || c.on().isBefore(earliest.on())) {
              earliest = c;
            }
          }
          if (earliest == null) {
            completions.remove(e.ref());
          } else {
            completions.put(e.ref(), earliest);
          }
          enrolledAs.getOrDefault(e.ref(), List.of()).forEach(this::enrolment);
        }
      }
      case ENROLLED -> {
        without(enrolledAs, e);
        PersonHistory.Enrolment was = enrolmentOf.remove(e.id());
        List<PersonHistory.Enrolment> list = enrolments.get(e.capabilityId());
        list.remove(was);
        if (list.isEmpty()) {
          enrolments.remove(e.capabilityId());
        }
      }
      case ISSUED -> {
        credentials.remove(e);
        without(issuedAs, e);
        Assertion was = claimOf.remove(e.id());
        if (was != null) {
          remove(was);
        }
      }
      case RENEWED -> {
        LocalDate latest = null;
        for (PersonFact r : without(renewedAs, e)) {
          if (latest == null || r.until().isAfter(latest)) {
            latest = r.until();
          }
        }
        credentialDay(renewedTo, e.ref(), latest);
      }
      case REVOKED -> {
        LocalDate earliest = null;
        for (PersonFact r : without(revokedAs, e)) {
          if (earliest == null || r.on().isBefore(earliest)) {
            earliest = r.on();
          }
        }
        credentialDay(revokedOn, e.ref(), earliest);
      }
      default -> {
        // a separation or an event the rules do not read: it made no claim
      }
    }
  }

  private void takeBackClaims(PersonFact e, AssessmentMethod method, Channel channel) {
    for (CapabilityLevel c : e.capabilities()) {
      remove(claimOf(e, c.capabilityId(), c.level(), method, channel));
    }
  }

  /** The facts left of the fact's enrolment or credential once the fact is taken out. */
  private static List<PersonFact> without(Map<String, List<PersonFact>> byRef, PersonFact e) {
    List<PersonFact> facts = byRef.get(e.ref());
    facts.remove(e);
    if (facts.isEmpty()) {
      byRef.remove(e.ref());
    }
    return facts;
  }

  /**
   * A credential's renewal or revocation day ({@code days}) as it now stands, null for none; when
   * it moved, each issue of the credential makes its claim again.
   */
  private void credentialDay(Map<String, LocalDate> days, String credentialId, LocalDate day) {
    if (Objects.equals(day, days.get(credentialId))) {
      return;
    }
    if (day == null) {
      days.remove(credentialId);
    } else {
      days.put(credentialId, day);
    }
    issuedAs.getOrDefault(credentialId, List.of()).forEach(this::credential);
  }

  /** An enrolment as its earliest completion so far ends it: added, or put in its place. */
  private void enrolment(PersonFact enrolled) {
    PersonFact done = completions.get(enrolled.ref());
    PersonHistory.Enrolment now =
        new PersonHistory.Enrolment(
            enrolled.capabilityId(),
            enrolled.on(),
            done == null ? null : done.on(),
            done != null && done.awardsLevel());
    List<PersonHistory.Enrolment> list =
        enrolments.computeIfAbsent(enrolled.capabilityId(), c -> new ArrayList<>());
    PersonHistory.Enrolment was = enrolmentOf.put(enrolled.id(), now);
    if (was == null) {
      list.add(now);
    } else {
      list.set(list.indexOf(was), now);
    }
  }

  /**
   * A credential's claim: valid from its issue to the day after its validity (extended by the
   * latest renewal when bounded), cut by its earliest revocation; put in place of the claim the
   * issue made before a renewal or a revocation, if any.
   */
  private void credential(PersonFact issued) {
    LocalDate until = issued.until() == null ? null : issued.until().plusDays(1);
    LocalDate renewed = renewedTo.get(issued.ref());
    if (until != null && renewed != null && renewed.plusDays(1).isAfter(until)) {
      until = renewed.plusDays(1);
    }
    LocalDate revoked = revokedOn.get(issued.ref());
    if (revoked != null && (until == null || revoked.isBefore(until))) {
      until = revoked;
    }
    Assertion now =
        until == null || until.isAfter(issued.on())
            ? new Assertion(
                issued.id(),
                issued.capabilityId(),
                issued.level(),
                AssessmentMethod.CERTIFICATION.precedence(),
                Channel.BUILD,
                issued.on(),
                until)
            : null;
    Assertion was = now == null ? claimOf.remove(issued.id()) : claimOf.put(issued.id(), now);
    if (Objects.equals(was, now)) {
      return;
    }
    if (was != null) {
      remove(was);
    }
    if (now != null) {
      add(now);
    }
  }

  /**
   * The strongest claim of a capability an event makes when all it does is add claims (an
   * assessment, a redeployment); null for any other event, or when it names another capability.
   */
  static Assertion addedClaim(PersonFact e, String capabilityId) {
    return switch (e.kind()) {
      case ASSESSED ->
          e.capabilityId().equals(capabilityId)
              ? claimOf(e, capabilityId, e.level(), e.method(), Channel.REDEPLOY)
              : null;
      case REDEPLOYED ->
          e.capabilities().stream()
              .filter(c -> c.capabilityId().equals(capabilityId))
              .max(java.util.Comparator.comparingInt(CapabilityLevel::level))
              .map(
                  c ->
                      claimOf(
                          e, capabilityId, c.level(), AssessmentMethod.MANAGER, Channel.REDEPLOY))
              .orElse(null);
      default -> null;
    };
  }

  /** The credentials issued, whose claim may end on a known day. */
  List<PersonFact> credentialEvents() {
    return List.copyOf(credentials);
  }

  /**
   * The claim an issue of a credential makes now (its validity resolved against the credential's
   * renewals and revocation); null when it makes none (revoked on or before its issue, or voided).
   */
  Assertion credentialClaim(String issueEventId) {
    return claimOf.get(issueEventId);
  }

  /** Whether any claim or enrolment names the capability. */
  boolean names(String capabilityId) {
    return assertions.containsKey(capabilityId) || enrolments.containsKey(capabilityId);
  }

  /** The capabilities any claim or enrolment names. */
  Set<String> capabilities() {
    Set<String> ids = new TreeSet<>(assertions.keySet());
    ids.addAll(enrolments.keySet());
    return ids;
  }

  /** Out from a leaving date until a hire that starts on or after it. */
  boolean employedOn(LocalDate day) {
    LocalDate left = separations.floor(day);
    if (left == null) {
      return true;
    }
    LocalDate back = hires.ceiling(left);
    return back != null && !back.isAfter(day);
  }

  private void claims(PersonFact e, AssessmentMethod method, Channel channel) {
    for (CapabilityLevel c : e.capabilities()) {
      claim(e, c.capabilityId(), c.level(), method, channel);
    }
  }

  private void claim(
      PersonFact e, String capabilityId, int level, AssessmentMethod method, Channel channel) {
    add(claimOf(e, capabilityId, level, method, channel));
  }

  private static Assertion claimOf(
      PersonFact e, String capabilityId, int level, AssessmentMethod method, Channel channel) {
    return new Assertion(e.id(), capabilityId, level, method.precedence(), channel, e.on(), null);
  }

  private void add(Assertion a) {
    List<Assertion> claims = assertions.computeIfAbsent(a.capabilityId(), c -> new ArrayList<>());
    claims.add(firstStartingOnOrAfter(claims, a.from().plusDays(1)), a);
    if (a.until() != null) {
      List<Assertion> bounded = ending.computeIfAbsent(a.capabilityId(), c -> new ArrayList<>());
      bounded.add(firstStartingOnOrAfter(bounded, a.from().plusDays(1)), a);
      return;
    }
    TreeMap<LocalDate, Assertion> steps = lastingSteps.get(a.capabilityId());
    if (steps == null) {
      return; // not asked for yet: built from the claims when first asked
    }
    Map.Entry<LocalDate, Assertion> before = steps.floorEntry(a.from());
    if (before != null && PersonTimeline.compareStrength(before.getValue(), a) <= 0) {
      return; // a claim as strong started on the day or before: the step stays
    }
    steps.put(a.from(), a);
    Iterator<Assertion> later = steps.tailMap(a.from(), false).values().iterator();
    while (later.hasNext() && PersonTimeline.compareStrength(a, later.next()) < 0) {
      later.remove(); // outranked by the new claim from its start on
    }
  }

  /** Takes back a claim: one a renewal or a revocation changed, or one a void cancelled. */
  private void remove(Assertion a) {
    removeFrom(assertions, a);
    if (a.until() != null) {
      removeFrom(ending, a);
    } else {
      removeLasting(a);
    }
  }

  /**
   * Keeps the steps of the strongest open-ended claim once {@code a} is gone (see {@link
   * #lastingStepsOf}). Only a claim that is a step's can change them, and only up to the next step:
   * that one was stronger than it, so it stays stronger than whatever now leads in between. The
   * claims started from its day to the next step are read again, no others.
   */
  private void removeLasting(Assertion a) {
    TreeMap<LocalDate, Assertion> steps = lastingSteps.get(a.capabilityId());
    if (steps == null || !a.equals(steps.get(a.from()))) {
      return; // not built yet (built when asked), or the claim never led: the steps stay
    }
    LocalDate next = steps.higherKey(a.from());
    steps.remove(a.from());
    Map.Entry<LocalDate, Assertion> before = steps.lowerEntry(a.from());
    Assertion strongest = before == null ? null : before.getValue();
    List<Assertion> claims = assertions.getOrDefault(a.capabilityId(), List.of());
    for (int i = firstStartingOnOrAfter(claims, a.from()); i < claims.size(); i++) {
      Assertion c = claims.get(i);
      if (next != null && !c.from().isBefore(next)) {
        break;
      }
      if (c.until() == null
          && (strongest == null || PersonTimeline.compareStrength(c, strongest) < 0)) {
        strongest = c;
        steps.put(c.from(), c);
      }
    }
  }

  private static void removeFrom(Map<String, List<Assertion>> byCapability, Assertion a) {
    List<Assertion> claims = byCapability.get(a.capabilityId());
    int i = firstStartingOnOrAfter(claims, a.from());
    while (!claims.get(i).equals(a)) {
      i++;
    }
    claims.remove(i);
    if (claims.isEmpty()) {
      byCapability.remove(a.capabilityId());
    }
  }

  /**
   * The claims of a capability that end (credentials), in the order they start: the only claims a
   * sweep from a day on has to look at one by one among those that started before it.
   */
  List<Assertion> endingClaims(String capabilityId) {
    return ending.getOrDefault(capabilityId, List.of());
  }

  /**
   * The strongest open-ended claim of a capability that started before the day; null when none did.
   * Open-ended claims never stop being valid, so it is the only one of them a sweep from the day on
   * needs: read from the days on which that strongest claim changes, without going over the
   * capability's claims.
   */
  Assertion strongestLastingBefore(String capabilityId, LocalDate day) {
    Map.Entry<LocalDate, Assertion> step =
        lastingSteps.computeIfAbsent(capabilityId, this::lastingStepsOf).lowerEntry(day);
    return step == null ? null : step.getValue();
  }

  /** The days on which the strongest open-ended claim started so far changes, and to which. */
  private TreeMap<LocalDate, Assertion> lastingStepsOf(String capabilityId) {
    TreeMap<LocalDate, Assertion> steps = new TreeMap<>();
    Assertion strongest = null;
    for (Assertion a : assertions.getOrDefault(capabilityId, List.of())) {
      if (a.until() == null
          && (strongest == null || PersonTimeline.compareStrength(a, strongest) < 0)) {
        strongest = a;
        steps.put(a.from(), a);
      }
    }
    return steps;
  }

  /** The index of the first claim that starts on the day or later, in claims by their start. */
  static int firstStartingOnOrAfter(List<Assertion> claims, LocalDate day) {
    int low = 0;
    int high = claims.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (claims.get(middle).from().isBefore(day)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
