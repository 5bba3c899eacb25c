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
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the rules of {@link PartnerHistory} read of one event, typed: its id and when it was
 * recorded (ties on a day go to the later recorded, then the larger id), its kind, the agreement,
 * qualification round or voided event it refers to, the capabilities and capacity it names and its
 * days. Names, reasons, contract values and notice periods are not kept: the projector keeps the
 * facts of every active partner between batches in their binary form ({@link #writeTo}), about a
 * tenth of what the decoded event takes. Days and capability ids are shared between facts.
 *
 * @param ref the agreement (signed, amended, renewed, terminated), the qualification round, or the
 *     voided event's id; null for a status change and for kinds the rules do not read
 * @param capabilities the capabilities an agreement's terms or a round name; null when none
 * @param fteCenti the capacity an agreement's terms give, in hundredths of an FTE
 * @param from the day it takes effect: a status change's, a round state's validFrom, terms'
 *     effectiveFrom, a termination's day
 * @param until a round's validUntil (its last day), terms' or a renewal's effectiveTo (the first
 *     day no longer in force)
 * @param previousUntil the effectiveTo a renewal replaces
 * @param status the status a status change sets
 * @param qualification the state a round's change sets
 */
public record PartnerFact(
    String id,
    Instant recordedAt,
    Kind kind,
    String ref,
    List<String> capabilities,
    long fteCenti,
    LocalDate from,
    LocalDate until,
    LocalDate previousUntil,
    PartnerStatus status,
    QualificationStatus qualification) {

  /** The kinds of events the rules distinguish; OTHER for any the rules do not read. */
  public enum Kind {
    STATUS,
    QUALIFICATION,
    SIGNED,
    AMENDED,
    RENEWED,
    TERMINATED,
    VOIDED,
    OTHER
  }

  /** The fact an event states. */
  public static PartnerFact of(CloudEvent<?> event) {
    Object d = event.data();
    Builder b = new Builder(event.id(), event.recordedAt());
    if (d instanceof PartnerStatusChanged s) {
      b.kind = Kind.STATUS;
      b.from = s.effectiveOn();
      b.status = s.to();
    } else if (d instanceof PartnerQualificationChanged q) {
      b.kind = Kind.QUALIFICATION;
      b.ref = q.qualificationId();
      b.capabilities = q.capabilities();
      b.from = q.validFrom();
      b.until = q.validUntil();
      b.qualification = q.status();
    } else if (d instanceof PartnerAgreementSigned s) {
      b.terms(Kind.SIGNED, s.agreementId(), s.capabilities(), s.capacityFte());
      b.from = s.effectiveFrom();
      b.until = s.effectiveTo();
    } else if (d instanceof PartnerAgreementAmended a) {
      b.terms(Kind.AMENDED, a.agreementId(), a.capabilities(), a.capacityFte());
      b.from = a.effectiveFrom();
      b.until = a.effectiveTo();
    } else if (d instanceof PartnerAgreementRenewed r) {
      b.kind = Kind.RENEWED;
      b.ref = r.agreementId();
      b.until = r.effectiveTo();
      b.previousUntil = r.previousEffectiveTo();
    } else if (d instanceof PartnerAgreementTerminated t) {
      b.kind = Kind.TERMINATED;
      b.ref = t.agreementId();
      b.from = t.effectiveOn();
    } else if (d instanceof EventVoided v) {
      b.kind = Kind.VOIDED;
      b.ref = v.voidedEventId();
    }
    return b.build();
  }

  /** Whether the fact is about an agreement (its signing, terms, renewal or termination). */
  boolean aboutAgreement() {
    return kind == Kind.SIGNED
        || kind == Kind.AMENDED
        || kind == Kind.RENEWED
        || kind == Kind.TERMINATED;
  }

  /**
   * Writes the fact in a compact binary form (about 70 bytes with its id): what the projector keeps
   * of a partner between batches, see {@link PartnerHistory#freeze()}. A ref already written to the
   * same output is written as its number in {@code refs}, which holds the refs written so far.
   */
  void writeTo(DataOutput out, Map<String, Integer> refs) throws IOException {
    out.writeUTF(id);
    out.writeLong(recordedAt.getEpochSecond());
    out.writeInt(recordedAt.getNano());
    out.writeByte(kind.ordinal());
    Integer known = ref == null ? null : refs.get(ref);
    out.writeInt(ref == null ? -1 : known != null ? known : refs.size());
    if (ref != null && known == null) {
      refs.put(ref, refs.size());
      out.writeUTF(ref);
    }
    Shared.writeCapabilities(out, capabilities);
    out.writeLong(fteCenti);
    Shared.writeDay(out, from);
    Shared.writeDay(out, until);
    Shared.writeDay(out, previousUntil);
    out.writeByte(status == null ? -1 : status.ordinal());
    out.writeByte(qualification == null ? -1 : qualification.ordinal());
  }

  /** A fact as {@link #writeTo} wrote it; {@code refs} holds the refs read so far, in order. */
  static PartnerFact readFrom(DataInput in, List<String> refs) throws IOException {
    Builder b = new Builder(in.readUTF(), Instant.ofEpochSecond(in.readLong(), in.readInt()));
    b.kind = KINDS[in.readByte()];
    int ref = in.readInt();
    if (ref == refs.size()) {
      refs.add(in.readUTF());
    }
    b.ref = ref < 0 ? null : refs.get(ref);
    b.capabilities = Shared.readCapabilities(in);
    b.fteCenti = in.readLong();
    b.from = Shared.readDay(in);
    b.until = Shared.readDay(in);
    b.previousUntil = Shared.readDay(in);
    int status = in.readByte();
    int qualification = in.readByte();
    b.status = status < 0 ? null : STATUSES[status];
    b.qualification = qualification < 0 ? null : QUALIFICATIONS[qualification];
    return b.build();
  }

  private static final Kind[] KINDS = Kind.values();
  private static final PartnerStatus[] STATUSES = PartnerStatus.values();
  private static final QualificationStatus[] QUALIFICATIONS = QualificationStatus.values();

  /** The fields as they are found; the fact shares its days and capability ids. */
  private static final class Builder {
    private final String id;
    private final Instant recordedAt;
    private Kind kind = Kind.OTHER;
    private String ref;
    private List<String> capabilities;
    private long fteCenti;
    private LocalDate from;
    private LocalDate until;
    private LocalDate previousUntil;
    private PartnerStatus status;
    private QualificationStatus qualification;

    Builder(String id, Instant recordedAt) {
      this.id = id;
      this.recordedAt = recordedAt;
    }

    void terms(Kind kind, String agreementId, List<String> capabilities, BigDecimal fte) {
      this.kind = kind;
      this.ref = agreementId;
      this.capabilities = capabilities;
      // the schema admits hundredths only (multipleOf 0.01); a finer value fails here, loudly
      this.fteCenti = fte.movePointRight(2).longValueExact();
    }

    PartnerFact build() {
      List<String> shared =
          capabilities == null ? null : capabilities.stream().map(Shared::capability).toList();
      return new PartnerFact(
          id,
          recordedAt,
          kind,
          ref,
          shared,
          fteCenti,
          Shared.day(from),
          Shared.day(until),
          Shared.day(previousUntil),
          status,
          qualification);
    }
  }
}
