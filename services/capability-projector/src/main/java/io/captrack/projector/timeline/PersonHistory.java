package io.captrack.projector.timeline;

import io.captrack.schemas.Channel;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.learning.CredentialIssued;
import io.captrack.schemas.learning.CredentialRenewed;
import io.captrack.schemas.learning.CredentialRevoked;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.learning.TrainingEnrolled;
import io.captrack.schemas.talent.AssessmentMethod;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.schemas.talent.TalentRedeployed;
import io.captrack.schemas.talent.TalentSeparated;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 */
public final class PersonHistory {

  private final Map<String, CloudEvent<?>> events = new LinkedHashMap<>();
  private List<Assertion> assertions;
  private List<Enrolment> enrolments;

  /** Adds an event of this person; false when it was known already. */
  public boolean add(CloudEvent<?> event) {
    if (events.putIfAbsent(event.id(), event) != null) {
      return false;
    }
    assertions = null;
    enrolments = null;
    return true;
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

  public List<CloudEvent<?>> events() {
    return List.copyOf(events.values());
  }

  /** The capabilities any claim or enrolment names. */
  public Set<String> capabilities() {
    Set<String> ids = new TreeSet<>();
    assertions().forEach(a -> ids.add(a.capabilityId()));
    enrolments().forEach(e -> ids.add(e.capabilityId()));
    return ids;
  }

  /**
   * What the person adds to a capability's figures on a day: the holding (holders, level, channel),
   * the enrolments in progress ({@code enrolling}: enrolled, not yet completed, still employed)
   * and, for each passed training that followed an enrolment, its time to capability in days from
   * enrolment to completion ({@code ttc:BUILD:<days>}, counted from the completion on).
   */
  public Map<String, Long> countersOn(String capabilityId, LocalDate day) {
    Map<String, Long> counters = new HashMap<>();
    holdingOn(capabilityId, day).ifPresent(h -> counters.putAll(Calendar.counters(h)));
    long enrolling = 0;
    for (Enrolment e : enrolments()) {
      if (!e.capabilityId().equals(capabilityId) || e.enrolledOn().isAfter(day)) {
        continue;
      }
      boolean completed = e.completedOn() != null && !e.completedOn().isAfter(day);
      if (!completed && employedOn(day)) {
        enrolling++;
      } else if (completed && e.succeeded() && !e.completedOn().isBefore(e.enrolledOn())) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(e.enrolledOn(), e.completedOn());
        counters.merge("ttc:BUILD:" + days, 1L, Long::sum);
      }
    }
    if (enrolling > 0) {
      counters.put("enrolling", enrolling);
    }
    return counters;
  }

  /** Every day on which an answer may change. */
  public Set<LocalDate> boundaries() {
    Set<LocalDate> days = new TreeSet<>();
    for (Assertion a : assertions()) {
      days.add(a.from());
      if (a.until() != null) {
        days.add(a.until());
      }
    }
    for (CloudEvent<?> e : events.values()) {
      if (e.data() instanceof TalentSeparated s) {
        days.add(s.effectiveOn());
      } else if (e.data() instanceof TalentHired h) {
        days.add(h.startDate());
      }
    }
    for (Enrolment e : enrolments()) {
      days.add(e.enrolledOn());
      if (e.completedOn() != null) {
        days.add(e.completedOn());
      }
    }
    return days;
  }

  /** What the person holds of the capability on the day, if anything. */
  public Optional<Holding> holdingOn(String capabilityId, LocalDate day) {
    if (!employedOn(day)) {
      return Optional.empty();
    }
    List<Assertion> valid =
        assertions().stream()
            .filter(a -> a.capabilityId().equals(capabilityId) && a.validOn(day))
            .toList();
    if (valid.isEmpty()) {
      return Optional.empty();
    }
    int precedence = valid.stream().mapToInt(Assertion::precedence).max().orElseThrow();
    int level =
        valid.stream()
            .filter(a -> a.precedence() == precedence)
            .mapToInt(Assertion::level)
            .max()
            .orElseThrow();
    if (level < 1) {
      return Optional.empty();
    }
    Assertion first =
        valid.stream()
            .filter(a -> a.precedence() == precedence && a.level() == level)
            .min(Comparator.comparing(Assertion::from).thenComparing(Assertion::eventId))
            .orElseThrow();
    return Optional.of(new Holding(level, first.channel()));
  }

  /** The person's credentials that expire or were revoked, with their last valid day. */
  public List<Expiry> expiries(String personRef) {
    List<Expiry> ending = new ArrayList<>();
    for (Assertion a : assertions()) {
      CloudEvent<?> e = events.get(a.eventId());
      if (e.data() instanceof CredentialIssued c && a.until() != null) {
        ending.add(
            new Expiry(
                "CREDENTIAL",
                c.credentialId(),
                personRef,
                List.of(c.capabilityId()),
                a.until().minusDays(1)));
      }
    }
    return ending;
  }

  /** Out from a leaving date until a hire that starts on or after it. */
  boolean employedOn(LocalDate day) {
    LocalDate left = null;
    LocalDate back = null;
    for (CloudEvent<?> e : events.values()) {
      if (e.data() instanceof TalentSeparated s
          && !s.effectiveOn().isAfter(day)
          && (left == null || s.effectiveOn().isAfter(left))) {
        left = s.effectiveOn();
      }
    }
    if (left == null) {
      return true;
    }
    for (CloudEvent<?> e : events.values()) {
      if (e.data() instanceof TalentHired h
          && !h.startDate().isBefore(left)
          && !h.startDate().isAfter(day)) {
        back = h.startDate();
      }
    }
    return back != null;
  }

  /** The enrolments, voids applied, each with the completion that ended it. */
  List<Enrolment> enrolments() {
    if (enrolments != null) {
      return enrolments;
    }
    Set<String> voided = voided();
    Map<String, TrainingCompleted> completions = new HashMap<>();
    for (CloudEvent<?> e : events.values()) {
      if (!voided.contains(e.id()) && e.data() instanceof TrainingCompleted t) {
        completions.merge(
            t.enrolmentId(), t, (a, b) -> b.completedOn().isBefore(a.completedOn()) ? b : a);
      }
    }
    List<Enrolment> found = new ArrayList<>();
    for (CloudEvent<?> e : events.values()) {
      if (!voided.contains(e.id()) && e.data() instanceof TrainingEnrolled en) {
        TrainingCompleted done = completions.get(en.enrolmentId());
        found.add(
            new Enrolment(
                en.capabilityId(),
                en.enrolledOn(),
                done == null ? null : done.completedOn(),
                done != null && done.success() && done.levelAwarded() != null));
      }
    }
    enrolments = List.copyOf(found);
    return enrolments;
  }

  private Set<String> voided() {
    Set<String> voided = new HashSet<>();
    for (CloudEvent<?> e : events.values()) {
      if (e.data() instanceof EventVoided v) {
        voided.add(v.voidedEventId());
      }
    }
    return voided;
  }

  /** The claims in force, voids applied and credential validity resolved. */
  List<Assertion> assertions() {
    if (assertions == null) {
      assertions = List.copyOf(deriveAssertions());
    }
    return assertions;
  }

  private List<Assertion> deriveAssertions() {
    Set<String> voided = voided();
    List<Assertion> claims = new ArrayList<>();
    Map<String, CloudEvent<?>> credentials = new HashMap<>();
    for (CloudEvent<?> e : events.values()) {
      if (voided.contains(e.id())) {
        continue;
      }
      Object d = e.data();
      if (d instanceof TalentHired h) {
        for (CapabilityLevel c : h.capabilities()) {
          claims.add(
              claim(
                  e,
                  c.capabilityId(),
                  c.level(),
                  AssessmentMethod.ASSESSMENT,
                  Channel.BUY,
                  h.startDate(),
                  null));
        }
      } else if (d instanceof TalentRedeployed r) {
        for (CapabilityLevel c : r.capabilities()) {
          claims.add(
              claim(
                  e,
                  c.capabilityId(),
                  c.level(),
                  AssessmentMethod.MANAGER,
                  Channel.REDEPLOY,
                  r.effectiveOn(),
                  null));
        }
      } else if (d instanceof ProficiencyAssessed a) {
        claims.add(
            claim(
                e,
                a.capabilityId(),
                a.level(),
                a.method(),
                Channel.REDEPLOY,
                a.assessedOn(),
                null));
      } else if (d instanceof TrainingCompleted t && t.success() && t.levelAwarded() != null) {
        claims.add(
            claim(
                e,
                t.capabilityId(),
                t.levelAwarded(),
                AssessmentMethod.ASSESSMENT,
                Channel.BUILD,
                t.completedOn(),
                null));
      } else if (d instanceof CredentialIssued c) {
        credentials.put(c.credentialId(), e);
      }
    }
    for (CloudEvent<?> issuedEvent : credentials.values()) {
      CredentialIssued c = (CredentialIssued) issuedEvent.data();
      LocalDate until = c.validUntil() == null ? null : c.validUntil().plusDays(1);
      for (CloudEvent<?> e : events.values()) {
        if (voided.contains(e.id())) {
          continue;
        }
        if (e.data() instanceof CredentialRenewed r
            && r.credentialId().equals(c.credentialId())
            && until != null
            && r.validUntil().plusDays(1).isAfter(until)) {
          until = r.validUntil().plusDays(1);
        }
      }
      for (CloudEvent<?> e : events.values()) {
        if (!voided.contains(e.id())
            && e.data() instanceof CredentialRevoked r
            && r.credentialId().equals(c.credentialId())
            && (until == null || r.revokedOn().isBefore(until))) {
          until = r.revokedOn();
        }
      }
      if (until == null || until.isAfter(c.issuedOn())) {
        claims.add(
            claim(
                issuedEvent,
                c.capabilityId(),
                c.level(),
                AssessmentMethod.CERTIFICATION,
                Channel.BUILD,
                c.issuedOn(),
                until));
      }
    }
    return claims;
  }

  private static Assertion claim(
      CloudEvent<?> e,
      String capabilityId,
      int level,
      AssessmentMethod method,
      Channel channel,
      LocalDate from,
      LocalDate until) {
    return new Assertion(e.id(), capabilityId, level, method.precedence(), channel, from, until);
  }
}
