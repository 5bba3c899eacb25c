package io.captrack.schemas.partner;

import io.captrack.schemas.Require;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Procurement signed an agreement that lets the enterprise borrow capabilities from a partner.
 *
 * @param agreementId the agreement's id
 * @param partnerId the partner, the Kafka key
 * @param capabilities the capability ids the agreement covers
 * @param capacityFte the capacity the partner provides, in full-time equivalents
 * @param value the contract value, when known
 * @param effectiveFrom first day the agreement is in force
 * @param effectiveTo first day it is no longer in force; open-ended when absent
 * @param noticeDays notice period in days
 */
public record PartnerAgreementSigned(
    String agreementId,
    String partnerId,
    List<String> capabilities,
    BigDecimal capacityFte,
    Money value,
    LocalDate effectiveFrom,
    LocalDate effectiveTo,
    int noticeDays) {

  public PartnerAgreementSigned {
    Require.text(agreementId, "agreementId");
    Require.text(partnerId, "partnerId");
    capabilities = Require.nonEmpty(capabilities, "capabilities");
    Require.nonNegative(capacityFte, "capacityFte");
    Require.present(effectiveFrom, "effectiveFrom");
    if (effectiveTo != null && !effectiveTo.isAfter(effectiveFrom)) {
      throw new IllegalArgumentException("effectiveTo must be after effectiveFrom");
    }
    if (noticeDays < 0) {
      throw new IllegalArgumentException("noticeDays must not be negative");
    }
  }

  /** Whether the agreement is in force on the given day. */
  public boolean inForceOn(LocalDate day) {
    return !day.isBefore(effectiveFrom) && (effectiveTo == null || day.isBefore(effectiveTo));
  }
}
