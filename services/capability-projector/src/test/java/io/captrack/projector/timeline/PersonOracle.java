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
import io.captrack.schemas.talent.TalentHired;
import io.captrack.schemas.talent.TalentRedeployed;
import io.captrack.schemas.talent.TalentSeparated;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules of the read model, recomputed the plainest way: for one day, straight from the raw
 * event list, with no state kept between calls.
 */
public final class PersonOracle {

  private PersonOracle() {}

  /**
   * Holders, by level and by channel, enrolments in progress and times to capability through
   * training, of the capability on the day, over all people's events.
   */
  public static Map<String, Long> figures(
      List<CloudEvent<?>> all, String capability, LocalDate day) {
    Map<String, List<CloudEvent<?>>> byPerson = new TreeMap<>();
    Map<String, CloudEvent<?>> unique = new TreeMap<>();
    all.forEach(e -> unique.putIfAbsent(e.id(), e));
    for (CloudEvent<?> e : unique.values()) {
      byPerson.computeIfAbsent(personOf(e, unique), p -> new ArrayList<>()).add(e);
    }
    Map<String, Long> figures = new TreeMap<>();
    for (List<CloudEvent<?>> events : byPerson.values()) {
      int[] best = holding(events, capability, day);
      if (best != null) {
        figures.merge("holders", 1L, Long::sum);
        figures.merge("L" + best[0], 1L, Long::sum);
        figures.merge(CHANNELS[best[1]], 1L, Long::sum);
      }
      enrolments(events, capability, day, figures);
    }
    return figures;
  }

  /**
   * An enrolment is in progress from its day until the first non-voided completion of the same
   * enrolment, while the person is employed; a passed completion with a level adds its days since
   * enrolment as a time to capability from the completion on.
   */
  private static void enrolments(
      List<CloudEvent<?>> events, String capability, LocalDate day, Map<String, Long> figures) {
    List<String> voided = new ArrayList<>();
    for (CloudEvent<?> e : events) {
      if (e.data() instanceof EventVoided v) {
        voided.add(v.voidedEventId());
      }
    }
    for (CloudEvent<?> e : events) {
      if (voided.contains(e.id())
          || !(e.data() instanceof TrainingEnrolled en)
          || !en.capabilityId().equals(capability)
          || en.enrolledOn().isAfter(day)) {
        continue;
      }
      TrainingCompleted first = null;
      for (CloudEvent<?> c : events) {
        if (!voided.contains(c.id())
            && c.data() instanceof TrainingCompleted t
            && t.enrolmentId().equals(en.enrolmentId())
            && (first == null || t.completedOn().isBefore(first.completedOn()))) {
          first = t;
        }
      }
      if (first == null || first.completedOn().isAfter(day)) {
        if (employed(events, day)) {
          figures.merge("enrolling", 1L, Long::sum);
        }
      } else if (first.success()
          && first.levelAwarded() != null
          && !first.completedOn().isBefore(en.enrolledOn())) {
        figures.merge(
            "ttc:BUILD:" + (first.completedOn().toEpochDay() - en.enrolledOn().toEpochDay()),
            1L,
            Long::sum);
      }
    }
  }

  /** Not gone: no leaving day by then, or a hire on or after the last one. */
  private static boolean employed(List<CloudEvent<?>> events, LocalDate day) {
    LocalDate lastLeft = null;
    for (CloudEvent<?> e : events) {
      if (e.data() instanceof TalentSeparated s
          && !s.effectiveOn().isAfter(day)
          && (lastLeft == null || s.effectiveOn().isAfter(lastLeft))) {
        lastLeft = s.effectiveOn();
      }
    }
    if (lastLeft == null) {
      return true;
    }
    for (CloudEvent<?> e : events) {
      if (e.data() instanceof TalentHired h
          && !h.startDate().isBefore(lastLeft)
          && !h.startDate().isAfter(day)) {
        return true;
      }
    }
    return false;
  }

  private static final String[] CHANNELS = {"BUILD", "BUY", "BORROW", "REDEPLOY"};

  /** {level, channel index} or null. */
  private static int[] holding(List<CloudEvent<?>> events, String capability, LocalDate day) {
    LocalDate lastLeft = null;
    for (CloudEvent<?> e : events) {
      if (e.data() instanceof TalentSeparated s && !s.effectiveOn().isAfter(day)) {
        lastLeft =
            lastLeft == null || s.effectiveOn().isAfter(lastLeft) ? s.effectiveOn() : lastLeft;
      }
    }
    if (lastLeft != null) {
      boolean rehired = false;
      for (CloudEvent<?> e : events) {
        if (e.data() instanceof TalentHired h
            && !h.startDate().isBefore(lastLeft)
            && !h.startDate().isAfter(day)) {
          rehired = true;
        }
      }
      if (!rehired) {
        return null;
      }
    }
    List<String> voided = new ArrayList<>();
    for (CloudEvent<?> e : events) {
      if (e.data() instanceof EventVoided v) {
        voided.add(v.voidedEventId());
      }
    }
    // {precedence, level, channel, fromEpochDay, eventOrder}
    List<long[]> claims = new ArrayList<>();
    for (CloudEvent<?> e : events) {
      if (voided.contains(e.id())) {
        continue;
      }
      long order = Long.parseLong(e.id().replaceAll("^\\D*", "")); // ids end in their sequence
      Object d = e.data();
      if (d instanceof TalentHired h && !h.startDate().isAfter(day)) {
        for (CapabilityLevel c : h.capabilities()) {
          if (c.capabilityId().equals(capability)) {
            claims.add(new long[] {4, c.level(), 1, h.startDate().toEpochDay(), order});
          }
        }
      } else if (d instanceof TalentRedeployed r && !r.effectiveOn().isAfter(day)) {
        for (CapabilityLevel c : r.capabilities()) {
          if (c.capabilityId().equals(capability)) {
            claims.add(new long[] {3, c.level(), 3, r.effectiveOn().toEpochDay(), order});
          }
        }
      } else if (d instanceof ProficiencyAssessed a
          && a.capabilityId().equals(capability)
          && !a.assessedOn().isAfter(day)) {
        claims.add(
            new long[] {a.method().precedence(), a.level(), 3, a.assessedOn().toEpochDay(), order});
      } else if (d instanceof TrainingCompleted t
          && t.capabilityId().equals(capability)
          && t.success()
          && t.levelAwarded() != null
          && !t.completedOn().isAfter(day)) {
        claims.add(new long[] {4, t.levelAwarded(), 0, t.completedOn().toEpochDay(), order});
      } else if (d instanceof CredentialIssued c
          && c.capabilityId().equals(capability)
          && !c.issuedOn().isAfter(day)
          && credentialValid(events, voided, c, day)) {
        claims.add(new long[] {4, c.level(), 0, c.issuedOn().toEpochDay(), order});
      }
    }
    if (claims.isEmpty()) {
      return null;
    }
    long top = claims.stream().mapToLong(c -> c[0]).max().getAsLong();
    long level = claims.stream().filter(c -> c[0] == top).mapToLong(c -> c[1]).max().getAsLong();
    if (level < 1) {
      return null;
    }
    long[] first = null;
    for (long[] c : claims) {
      if (c[0] == top
          && c[1] == level
          && (first == null
              || c[3] < first[3]
              || (c[3] == first[3] && ("ev-" + c[4]).compareTo("ev-" + first[4]) < 0))) {
        first = c;
      }
    }
    return new int[] {(int) level, (int) first[2]};
  }

  private static boolean credentialValid(
      List<CloudEvent<?>> events, List<String> voided, CredentialIssued c, LocalDate day) {
    LocalDate lastValid = c.validUntil();
    for (CloudEvent<?> e : events) {
      if (!voided.contains(e.id())
          && e.data() instanceof CredentialRenewed r
          && r.credentialId().equals(c.credentialId())
          && lastValid != null
          && r.validUntil().isAfter(lastValid)) {
        lastValid = r.validUntil();
      }
    }
    if (lastValid != null && day.isAfter(lastValid)) {
      return false;
    }
    for (CloudEvent<?> e : events) {
      if (!voided.contains(e.id())
          && e.data() instanceof CredentialRevoked r
          && r.credentialId().equals(c.credentialId())
          && !day.isBefore(r.revokedOn())) {
        return false;
      }
    }
    return true;
  }

  /**
   * One person's credentials that end on a known day, one line {@code <credential id> <capability>
   * <last valid day>} per issue that is not voided and counts on its own day: the last day is the
   * issue's validity, moved on by the latest renewal not voided when that validity is bounded, and
   * cut to the day before the earliest revocation not voided. An issue valid for ever and never
   * revoked ends on no known day.
   */
  public static List<String> expiries(List<CloudEvent<?>> events) {
    Map<String, CloudEvent<?>> unique = new TreeMap<>();
    events.forEach(e -> unique.putIfAbsent(e.id(), e));
    List<CloudEvent<?>> all = new ArrayList<>(unique.values());
    List<String> voided = new ArrayList<>();
    for (CloudEvent<?> e : all) {
      if (e.data() instanceof EventVoided v) {
        voided.add(v.voidedEventId());
      }
    }
    List<String> lines = new ArrayList<>();
    for (CloudEvent<?> e : all) {
      if (voided.contains(e.id())
          || !(e.data() instanceof CredentialIssued c)
          || !credentialValid(all, voided, c, c.issuedOn())) {
        continue;
      }
      LocalDate last = c.validUntil();
      for (CloudEvent<?> r : all) {
        if (!voided.contains(r.id())
            && r.data() instanceof CredentialRenewed renewed
            && renewed.credentialId().equals(c.credentialId())
            && last != null
            && renewed.validUntil().isAfter(last)) {
          last = renewed.validUntil();
        }
      }
      for (CloudEvent<?> r : all) {
        if (!voided.contains(r.id())
            && r.data() instanceof CredentialRevoked revoked
            && revoked.credentialId().equals(c.credentialId())
            && (last == null || revoked.revokedOn().minusDays(1).isBefore(last))) {
          last = revoked.revokedOn().minusDays(1);
        }
      }
      if (last != null) {
        lines.add(c.credentialId() + " " + c.capabilityId() + " " + last);
      }
    }
    return lines;
  }

  private static String personOf(CloudEvent<?> e, Map<String, CloudEvent<?>> all) {
    Object d = e.data();
    if (d instanceof EventVoided v) {
      CloudEvent<?> target = all.get(v.voidedEventId());
      return target == null ? "?" : personOf(target, all);
    }
    if (d instanceof TalentHired h) return h.personRef();
    if (d instanceof TalentSeparated s) return s.personRef();
    if (d instanceof TalentRedeployed r) return r.personRef();
    if (d instanceof ProficiencyAssessed a) return a.personRef();
    if (d instanceof TrainingCompleted t) return t.personRef();
    if (d instanceof TrainingEnrolled t) return t.personRef();
    if (d instanceof CredentialIssued c) return c.personRef();
    if (d instanceof CredentialRenewed c) return c.personRef();
    if (d instanceof CredentialRevoked c) return c.personRef();
    throw new IllegalArgumentException(e.type().name());
  }
}
