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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One person's events, voids applied, typed and indexed once for the rules of {@link
 * PersonHistory}: the claims and enrolments per capability, the days employment may change, and
 * which capability each credential and enrolment concerns.
 */
final class PersonEvents {

  /** The claims in force per capability, voids applied and credential validity resolved. */
  final Map<String, List<Assertion>> assertions = new HashMap<>();

  /** The enrolments per capability, each with the completion that ended it. */
  final Map<String, List<PersonHistory.Enrolment>> enrolments = new HashMap<>();

  /** Leaving dates and hire start dates (voids do not change employment). */
  final TreeSet<LocalDate> separations = new TreeSet<>();

  final TreeSet<LocalDate> hires = new TreeSet<>();

  /** Credentials issued, by id, with the event that issued them. */
  private final Map<String, CloudEvent<?>> credentials = new HashMap<>();

  /** The ids of events a void cancelled. */
  private final Set<String> voided = new HashSet<>();

  PersonEvents(Collection<CloudEvent<?>> events) {
    for (CloudEvent<?> e : events) {
      if (e.data() instanceof EventVoided v) {
        voided.add(v.voidedEventId());
      }
    }
    Map<String, TrainingCompleted> completions = new HashMap<>();
    Map<String, LocalDate> renewedTo = new HashMap<>();
    Map<String, LocalDate> revokedOn = new HashMap<>();
    List<TrainingEnrolled> enrolled = new ArrayList<>();
    for (CloudEvent<?> e : events) {
      Object d = e.data();
      if (d instanceof TalentSeparated s) {
        separations.add(s.effectiveOn());
      } else if (d instanceof TalentHired h) {
        hires.add(h.startDate());
      }
      if (voided.contains(e.id())) {
        continue;
      }
      if (d instanceof TalentHired h) {
        for (CapabilityLevel c : h.capabilities()) {
          claim(
              e,
              c.capabilityId(),
              c.level(),
              AssessmentMethod.ASSESSMENT,
              Channel.BUY,
              h.startDate());
        }
      } else if (d instanceof TalentRedeployed r) {
        for (CapabilityLevel c : r.capabilities()) {
          claim(
              e,
              c.capabilityId(),
              c.level(),
              AssessmentMethod.MANAGER,
              Channel.REDEPLOY,
              r.effectiveOn());
        }
      } else if (d instanceof ProficiencyAssessed a) {
        claim(e, a.capabilityId(), a.level(), a.method(), Channel.REDEPLOY, a.assessedOn());
      } else if (d instanceof TrainingCompleted t) {
        completions.merge(
            t.enrolmentId(), t, (a, b) -> b.completedOn().isBefore(a.completedOn()) ? b : a);
        if (t.success() && t.levelAwarded() != null) {
          claim(
              e,
              t.capabilityId(),
              t.levelAwarded(),
              AssessmentMethod.ASSESSMENT,
              Channel.BUILD,
              t.completedOn());
        }
      } else if (d instanceof TrainingEnrolled en) {
        enrolled.add(en);
      } else if (d instanceof CredentialIssued c) {
        credentials.put(c.credentialId(), e);
      } else if (d instanceof CredentialRenewed r) {
        renewedTo.merge(r.credentialId(), r.validUntil(), (a, b) -> a.isAfter(b) ? a : b);
      } else if (d instanceof CredentialRevoked r) {
        revokedOn.merge(r.credentialId(), r.revokedOn(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    for (TrainingEnrolled en : enrolled) {
      TrainingCompleted done = completions.get(en.enrolmentId());
      enrolments
          .computeIfAbsent(en.capabilityId(), c -> new ArrayList<>())
          .add(
              new PersonHistory.Enrolment(
                  en.capabilityId(),
                  en.enrolledOn(),
                  done == null ? null : done.completedOn(),
                  done != null && done.success() && done.levelAwarded() != null));
    }
    credentials.values().forEach(issued -> credential(issued, renewedTo, revokedOn));
  }

  /**
   * A credential's claim: valid from its issue to the day after its validity (extended by the
   * latest renewal when bounded), cut by its earliest revocation.
   */
  private void credential(
      CloudEvent<?> issued, Map<String, LocalDate> renewedTo, Map<String, LocalDate> revokedOn) {
    CredentialIssued c = (CredentialIssued) issued.data();
    LocalDate until = c.validUntil() == null ? null : c.validUntil().plusDays(1);
    LocalDate renewed = renewedTo.get(c.credentialId());
    if (until != null && renewed != null && renewed.plusDays(1).isAfter(until)) {
      until = renewed.plusDays(1);
    }
    LocalDate revoked = revokedOn.get(c.credentialId());
    if (revoked != null && (until == null || revoked.isBefore(until))) {
      until = revoked;
    }
    if (until == null || until.isAfter(c.issuedOn())) {
      add(
          new Assertion(
              issued.id(),
              c.capabilityId(),
              c.level(),
              AssessmentMethod.CERTIFICATION.precedence(),
              Channel.BUILD,
              c.issuedOn(),
              until));
    }
  }

  /**
   * Adds an event that only adds facts (a hire, a leaving date, a redeployment, an assessment),
   * without indexing every event again; false for any other (enrolments, completions, credentials,
   * voids, or an event a void already cancelled), which the caller indexes from scratch.
   */
  boolean add(CloudEvent<?> e) {
    if (voided.contains(e.id())) {
      return false;
    }
    Object d = e.data();
    if (d instanceof TalentSeparated s) {
      separations.add(s.effectiveOn());
    } else if (d instanceof TalentHired h) {
      hires.add(h.startDate());
      for (CapabilityLevel c : h.capabilities()) {
        claim(
            e,
            c.capabilityId(),
            c.level(),
            AssessmentMethod.ASSESSMENT,
            Channel.BUY,
            h.startDate());
      }
    } else if (d instanceof TalentRedeployed r) {
      for (CapabilityLevel c : r.capabilities()) {
        claim(
            e,
            c.capabilityId(),
            c.level(),
            AssessmentMethod.MANAGER,
            Channel.REDEPLOY,
            r.effectiveOn());
      }
    } else if (d instanceof ProficiencyAssessed a) {
      claim(e, a.capabilityId(), a.level(), a.method(), Channel.REDEPLOY, a.assessedOn());
    } else {
      return false;
    }
    return true;
  }

  /** The credential events whose claim ends on a known day. */
  List<CloudEvent<?>> credentialEvents() {
    return List.copyOf(credentials.values());
  }

  /** Every claim, all capabilities. */
  List<Assertion> allAssertions() {
    List<Assertion> all = new ArrayList<>();
    assertions.values().forEach(all::addAll);
    return all;
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

  private void claim(
      CloudEvent<?> e,
      String capabilityId,
      int level,
      AssessmentMethod method,
      Channel channel,
      LocalDate from) {
    add(new Assertion(e.id(), capabilityId, level, method.precedence(), channel, from, null));
  }

  private void add(Assertion a) {
    assertions.computeIfAbsent(a.capabilityId(), c -> new ArrayList<>()).add(a);
  }
}
