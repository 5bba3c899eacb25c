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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

  /** Leaving dates and hire start dates (voids do not change employment). */
  final TreeSet<LocalDate> separations = new TreeSet<>();

  final TreeSet<LocalDate> hires = new TreeSet<>();

  /**
   * The issues of credentials: each is a claim; a credential issued again under the same id (by a
   * producer's second event) is a second claim, renewed and revoked with the first.
   */
  private final List<PersonFact> credentials = new ArrayList<>();

  /** The ids of events a void cancelled. */
  private final Set<String> voided = new HashSet<>();

  PersonEvents(Collection<PersonFact> events) {
    for (PersonFact e : events) {
      if (e.kind() == Kind.VOIDED) {
        voided.add(e.ref());
      }
    }
    Map<String, PersonFact> completions = new HashMap<>();
    Map<String, LocalDate> renewedTo = new HashMap<>();
    Map<String, LocalDate> revokedOn = new HashMap<>();
    List<PersonFact> enrolled = new ArrayList<>();
    for (PersonFact e : events) {
      if (e.kind() == Kind.SEPARATED) {
        separations.add(e.on());
      } else if (e.kind() == Kind.HIRED) {
        hires.add(e.on());
      }
      if (voided.contains(e.id())) {
        continue;
      }
      switch (e.kind()) {
        case HIRED -> claims(e, AssessmentMethod.ASSESSMENT, Channel.BUY);
        case REDEPLOYED -> claims(e, AssessmentMethod.MANAGER, Channel.REDEPLOY);
        case ASSESSED -> claim(e, e.capabilityId(), e.level(), e.method(), Channel.REDEPLOY);
        case COMPLETED -> {
          completions.merge(e.ref(), e, (a, b) -> b.on().isBefore(a.on()) ? b : a);
          if (e.awardsLevel()) {
            claim(e, e.capabilityId(), e.level(), AssessmentMethod.ASSESSMENT, Channel.BUILD);
          }
        }
        case ENROLLED -> enrolled.add(e);
        case ISSUED -> credentials.add(e);
        case RENEWED -> renewedTo.merge(e.ref(), e.until(), (a, b) -> a.isAfter(b) ? a : b);
        case REVOKED -> revokedOn.merge(e.ref(), e.on(), (a, b) -> a.isBefore(b) ? a : b);
        default -> {
          // a separation, a void or an event the rules do not read: no claim
        }
      }
    }
    for (PersonFact en : enrolled) {
      PersonFact done = completions.get(en.ref());
      enrolments
          .computeIfAbsent(en.capabilityId(), c -> new ArrayList<>())
          .add(
              new PersonHistory.Enrolment(
                  en.capabilityId(),
                  en.on(),
                  done == null ? null : done.on(),
                  done != null && done.awardsLevel()));
    }
    credentials.forEach(issued -> credential(issued, renewedTo, revokedOn));
  }

  /**
   * A credential's claim: valid from its issue to the day after its validity (extended by the
   * latest renewal when bounded), cut by its earliest revocation.
   */
  private void credential(
      PersonFact issued, Map<String, LocalDate> renewedTo, Map<String, LocalDate> revokedOn) {
    LocalDate until = issued.until() == null ? null : issued.until().plusDays(1);
    LocalDate renewed = renewedTo.get(issued.ref());
    if (until != null && renewed != null && renewed.plusDays(1).isAfter(until)) {
      until = renewed.plusDays(1);
    }
    LocalDate revoked = revokedOn.get(issued.ref());
    if (revoked != null && (until == null || revoked.isBefore(until))) {
      until = revoked;
    }
    if (until == null || until.isAfter(issued.on())) {
      add(
          new Assertion(
              issued.id(),
              issued.capabilityId(),
              issued.level(),
              AssessmentMethod.CERTIFICATION.precedence(),
              Channel.BUILD,
              issued.on(),
              until));
    }
  }

  /**
   * Adds an event that only adds facts (a hire, a leaving date, a redeployment, an assessment),
   * without indexing every event again; false for any other (enrolments, completions, credentials,
   * voids, or an event a void already cancelled), which the caller indexes from scratch.
   */
  boolean add(PersonFact e) {
    if (voided.contains(e.id())) {
      return false;
    }
    switch (e.kind()) {
      case SEPARATED -> separations.add(e.on());
      case HIRED -> {
        hires.add(e.on());
        claims(e, AssessmentMethod.ASSESSMENT, Channel.BUY);
      }
      case REDEPLOYED -> claims(e, AssessmentMethod.MANAGER, Channel.REDEPLOY);
      case ASSESSED -> claim(e, e.capabilityId(), e.level(), e.method(), Channel.REDEPLOY);
      default -> {
        return false;
      }
    }
    return true;
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

  /** Every claim, all capabilities. */
  List<Assertion> allAssertions() {
    List<Assertion> all = new ArrayList<>();
    assertions.values().forEach(all::addAll);
    return all;
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
