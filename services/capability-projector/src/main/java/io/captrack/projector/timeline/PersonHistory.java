package io.captrack.projector.timeline;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.learning.CredentialIssued;
import io.captrack.schemas.learning.CredentialRenewed;
import io.captrack.schemas.learning.CredentialRevoked;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.learning.TrainingEnrolled;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.schemas.talent.TalentRedeployed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * <p>The events are indexed once per change ({@link PersonEvents}), and each capability's timeline
 * is one sweep over its own claims and enrolments ({@link PersonTimeline}), kept until an event
 * that can change it arrives ({@link #affectedBy}).
 */
public final class PersonHistory {

  private final Map<String, CloudEvent<?>> events = new LinkedHashMap<>();
  private PersonEvents index;
  private final Map<String, PersonTimeline> timelines = new HashMap<>();
  private final Map<String, Set<String>> credentialCapabilities = new HashMap<>();
  private final Map<String, Set<String>> enrolmentCapabilities = new HashMap<>();

  /** Adds an event of this person; false when it was known already. */
  public boolean add(CloudEvent<?> event) {
    if (events.putIfAbsent(event.id(), event) != null) {
      return false;
    }
    Set<String> affected = affectedBy(event);
    if (event.data() instanceof CredentialIssued c) {
      credentialCapabilities
          .computeIfAbsent(c.credentialId(), i -> new HashSet<>())
          .add(c.capabilityId());
    } else if (event.data() instanceof TrainingEnrolled en) {
      enrolmentCapabilities
          .computeIfAbsent(en.enrolmentId(), i -> new HashSet<>())
          .add(en.capabilityId());
    }
    if (index != null && !index.add(event)) {
      index = null;
    }
    if (affected == null) {
      timelines.clear();
    } else {
      timelines.keySet().removeAll(affected);
    }
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

  public int size() {
    return events.size();
  }

  private PersonEvents index() {
    if (index == null) {
      index = new PersonEvents(events.values());
    }
    return index;
  }

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
    Object d = event.data();
    Set<String> ids = new HashSet<>();
    if (d instanceof TalentRedeployed r) {
      r.capabilities().stream().map(CapabilityLevel::capabilityId).forEach(ids::add);
    } else if (d instanceof ProficiencyAssessed a) {
      ids.add(a.capabilityId());
    } else if (d instanceof TrainingEnrolled en) {
      ids.add(en.capabilityId());
    } else if (d instanceof TrainingCompleted t) {
      ids.add(t.capabilityId());
      ids.addAll(enrolmentCapabilities.getOrDefault(t.enrolmentId(), Set.of()));
    } else if (d instanceof CredentialIssued c) {
      ids.add(c.capabilityId());
    } else if (d instanceof CredentialRenewed r) {
      ids.addAll(credentialCapabilities.getOrDefault(r.credentialId(), Set.of()));
    } else if (d instanceof CredentialRevoked r) {
      ids.addAll(credentialCapabilities.getOrDefault(r.credentialId(), Set.of()));
    } else if (d instanceof EventVoided v) {
      CloudEvent<?> target = events.get(v.voidedEventId());
      if (target == null || target.data() instanceof EventVoided) {
        return ids; // nothing to cancel yet; a void of a void changes nothing
      }
      return affectedBy(target);
    } else {
      return null;
    }
    return ids;
  }

  /** The capability's timeline: its calendar of changes and the stretches of its holding. */
  public PersonTimeline timeline(String capabilityId) {
    return timelines.computeIfAbsent(
        capabilityId,
        c ->
            new PersonTimeline(
                index().assertions.getOrDefault(c, List.of()),
                index().enrolments.getOrDefault(c, List.of()),
                index()));
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
    return timeline(capabilityId).holdings().stream()
        .filter(s -> !day.isBefore(s.from()) && (s.to() == null || day.isBefore(s.to())))
        .map(Segment::value)
        .findFirst();
  }

  /** The person's credentials that expire or were revoked, with their last valid day. */
  public List<Expiry> expiries(String personRef) {
    Map<String, Assertion> byEvent = new HashMap<>();
    index().allAssertions().forEach(a -> byEvent.put(a.eventId(), a));
    List<Expiry> ending = new ArrayList<>();
    for (CloudEvent<?> e : index().credentialEvents()) {
      Assertion a = byEvent.get(e.id());
      if (a != null && a.until() != null && e.data() instanceof CredentialIssued c) {
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
    return index().employedOn(day);
  }
}
