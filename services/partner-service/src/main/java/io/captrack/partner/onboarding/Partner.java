package io.captrack.partner.onboarding;

import io.captrack.schemas.partner.Money;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.QualificationStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The partner aggregate as stored: one MongoDB document with its qualifications and agreements.
 *
 * @param version the aggregate version, also its ETag
 * @param registeredBy who registered the partner (audit trail only, never in an event)
 */
public record Partner(
    String partnerId,
    String name,
    String erpSupplierNumber,
    String taxId,
    PartnerStatus status,
    String registeredBy,
    long version,
    List<Qualification> qualifications,
    List<Agreement> agreements) {

  public Partner {
    qualifications = List.copyOf(qualifications);
    agreements = List.copyOf(agreements);
  }

  /** A qualification round for a scope of capabilities. */
  public record Qualification(
      String qualificationId,
      List<String> capabilities,
      QualificationStatus status,
      LocalDate validFrom,
      LocalDate validUntil) {

    /** Whether it lets the partner deliver on the given day. */
    public boolean inForceOn(LocalDate day) {
      return status.inForce()
          && !day.isBefore(validFrom)
          && (validUntil == null || !day.isAfter(validUntil));
    }
  }

  /** An agreement with its current terms. */
  public record Agreement(
      String agreementId,
      List<String> capabilities,
      BigDecimal capacityFte,
      Money value,
      LocalDate effectiveFrom,
      LocalDate effectiveTo,
      int noticeDays,
      int amendments,
      LocalDate terminatedOn) {

    public boolean terminated() {
      return terminatedOn != null;
    }

    /** The same agreement with a new end. */
    public Agreement endingOn(LocalDate newEffectiveTo) {
      return new Agreement(
          agreementId,
          capabilities,
          capacityFte,
          value,
          effectiveFrom,
          newEffectiveTo,
          noticeDays,
          amendments,
          null);
    }

    /** The same agreement, terminated from the given day. */
    public Agreement terminatedFrom(LocalDate day) {
      return new Agreement(
          agreementId,
          capabilities,
          capacityFte,
          value,
          effectiveFrom,
          effectiveTo,
          noticeDays,
          amendments,
          day);
    }

    /** New terms, keeping the agreement's start. */
    public Agreement amendedTo(Agreement terms) {
      return new Agreement(
          agreementId,
          terms.capabilities(),
          terms.capacityFte(),
          terms.value(),
          effectiveFrom,
          terms.effectiveTo(),
          terms.noticeDays(),
          terms.amendments(),
          null);
    }
  }

  public Optional<Agreement> agreement(String agreementId) {
    return agreements.stream().filter(a -> a.agreementId().equals(agreementId)).findFirst();
  }

  public Optional<Qualification> qualification(String qualificationId) {
    return qualifications.stream()
        .filter(q -> q.qualificationId().equals(qualificationId))
        .findFirst();
  }
}
