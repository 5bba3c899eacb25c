package io.captrack.projector.timeline;

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
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the rules of {@link PersonHistory} read of one event, typed: its id, its kind, its dates,
 * the capability (or capabilities, with levels) it names, and the enrolment, credential or voided
 * event it refers to. The event's other fields (names, courses, raw scores, free text) are not
 * kept: a fact takes a fraction of the decoded event's memory, so the projector can keep the facts
 * of every active person between batches. Dates and capability ids are shared between facts.
 *
 * @param on the day the fact takes effect: a hire's start, a leaving, redeployment, assessment,
 *     enrolment, completion, issue or revocation date (null for a renewal or a void)
 * @param until a credential's last valid day as issued, or as a renewal extends it
 * @param level the level claimed, assessed, awarded or certified; {@link #NO_LEVEL} when none
 * @param ref the enrolment, credential or voided event the fact refers to
 */
public record PersonFact(
    String id,
    Kind kind,
    LocalDate on,
    LocalDate until,
    String capabilityId,
    List<CapabilityLevel> capabilities,
    int level,
    AssessmentMethod method,
    String ref,
    boolean success) {

  /** A completion that awarded no level. */
  public static final int NO_LEVEL = -1;

  /** The kinds of events the rules distinguish; OTHER for any the rules do not read. */
  public enum Kind {
    HIRED,
    REDEPLOYED,
    SEPARATED,
    ASSESSED,
    ENROLLED,
    COMPLETED,
    ISSUED,
    RENEWED,
    REVOKED,
    VOIDED,
    OTHER
  }

  /** The fact an event states. */
  public static PersonFact of(CloudEvent<?> event) {
    String id = event.id();
    Object d = event.data();
    if (d instanceof TalentHired h) {
      return many(id, Kind.HIRED, h.startDate(), h.capabilities());
    } else if (d instanceof TalentRedeployed r) {
      return many(id, Kind.REDEPLOYED, r.effectiveOn(), r.capabilities());
    } else if (d instanceof TalentSeparated s) {
      return referring(id, Kind.SEPARATED, s.effectiveOn(), null, null);
    } else if (d instanceof ProficiencyAssessed a) {
      return fact(
          id,
          Kind.ASSESSED,
          a.assessedOn(),
          null,
          a.capabilityId(),
          a.level(),
          a.method(),
          null,
          false);
    } else if (d instanceof TrainingEnrolled en) {
      return fact(
          id,
          Kind.ENROLLED,
          en.enrolledOn(),
          null,
          en.capabilityId(),
          NO_LEVEL,
          null,
          en.enrolmentId(),
          false);
    } else if (d instanceof TrainingCompleted t) {
      int level = t.levelAwarded() == null ? NO_LEVEL : t.levelAwarded();
      return fact(
          id,
          Kind.COMPLETED,
          t.completedOn(),
          null,
          t.capabilityId(),
          level,
          null,
          t.enrolmentId(),
          t.success());
    } else if (d instanceof CredentialIssued c) {
      return fact(
          id,
          Kind.ISSUED,
          c.issuedOn(),
          c.validUntil(),
          c.capabilityId(),
          c.level(),
          null,
          c.credentialId(),
          false);
    } else if (d instanceof CredentialRenewed r) {
      return referring(id, Kind.RENEWED, null, r.validUntil(), r.credentialId());
    } else if (d instanceof CredentialRevoked r) {
      return referring(id, Kind.REVOKED, r.revokedOn(), null, r.credentialId());
    } else if (d instanceof EventVoided v) {
      return referring(id, Kind.VOIDED, null, null, v.voidedEventId());
    }
    return referring(id, Kind.OTHER, null, null, null);
  }

  /** A fact of at most one capability, its days and capability shared. */
  private static PersonFact fact(
      String id,
      Kind kind,
      LocalDate on,
      LocalDate until,
      String capabilityId,
      int level,
      AssessmentMethod method,
      String ref,
      boolean success) {
    return new PersonFact(
        id,
        kind,
        Shared.day(on),
        Shared.day(until),
        capabilityId == null ? null : Shared.capability(capabilityId),
        null,
        level,
        method,
        ref,
        success);
  }

  /** A fact that names no capability itself: a leaving, a renewal, a revocation, a void. */
  private static PersonFact referring(
      String id, Kind kind, LocalDate on, LocalDate until, String ref) {
    return fact(id, kind, on, until, null, NO_LEVEL, null, ref, false);
  }

  /**
   * Writes the fact in a compact binary form (about 10 bytes besides its ids): what the projector
   * keeps of a person between batches, see {@link PersonHistory#freeze()}.
   */
  void writeTo(DataOutput out) throws IOException {
    out.writeUTF(id);
    out.writeByte(kind.ordinal());
    Shared.writeDay(out, on);
    Shared.writeDay(out, until);
    Shared.writeCapability(out, capabilityId);
    out.writeByte(capabilities == null ? -1 : capabilities.size());
    if (capabilities != null) {
      for (CapabilityLevel c : capabilities) {
        Shared.writeCapability(out, c.capabilityId());
        out.writeInt(c.level());
      }
    }
    out.writeInt(level);
    out.writeByte(method == null ? -1 : method.ordinal());
    out.writeBoolean(ref != null);
    if (ref != null) {
      out.writeUTF(ref);
    }
    out.writeBoolean(success);
  }

  /** A fact as {@link #writeTo} wrote it. */
  static PersonFact readFrom(DataInput in) throws IOException {
    String id = in.readUTF();
    Kind kind = KINDS[in.readByte()];
    LocalDate on = Shared.readDay(in);
    LocalDate until = Shared.readDay(in);
    String capabilityId = Shared.readCapability(in);
    int count = in.readByte();
    List<CapabilityLevel> capabilities = null;
    if (count >= 0) {
      CapabilityLevel[] levels = new CapabilityLevel[count];
      for (int i = 0; i < count; i++) {
        levels[i] = shared(new CapabilityLevel(Shared.readCapability(in), in.readInt()));
      }
      capabilities = List.of(levels);
    }
    int level = in.readInt();
    int method = in.readByte();
    String ref = in.readBoolean() ? in.readUTF() : null;
    return new PersonFact(
        id,
        kind,
        on,
        until,
        capabilityId,
        capabilities,
        level,
        method < 0 ? null : METHODS[method],
        ref,
        in.readBoolean());
  }

  private static final Kind[] KINDS = Kind.values();
  private static final AssessmentMethod[] METHODS = AssessmentMethod.values();

  /** A passed training that awarded a level: a claim of the capability. */
  boolean awardsLevel() {
    return kind == Kind.COMPLETED && success && level != NO_LEVEL;
  }

  private static PersonFact many(
      String id, Kind kind, LocalDate on, List<CapabilityLevel> capabilities) {
    List<CapabilityLevel> shared = capabilities.stream().map(PersonFact::shared).toList();
    return new PersonFact(
        id, kind, Shared.day(on), null, null, shared, NO_LEVEL, null, null, false);
  }

  // shared instances: a person's levels of a capability recur in every history
  private static final Map<CapabilityLevel, CapabilityLevel> LEVELS = new ConcurrentHashMap<>();

  private static CapabilityLevel shared(CapabilityLevel c) {
    if (LEVELS.size() >= Shared.MAX) {
      return c;
    }
    return LEVELS.computeIfAbsent(
        c, k -> new CapabilityLevel(Shared.capability(k.capabilityId()), k.level()));
  }
}
