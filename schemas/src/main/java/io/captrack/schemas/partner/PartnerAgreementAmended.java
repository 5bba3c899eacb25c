package io.captrack.schemas.partner;

import io.captrack.schemas.Require;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An agreement's terms changed from {@code effectiveFrom} on; the event carries the whole new
 * terms.
 *
 * @param agreementId the agreement
 * @param partnerId the partner, the Kafka key
 * @param amendment the amendment's number, 1 for the first
 * @param capabilities the capabilities now covered
 * @param capacityFte the capacity now provided
 * @param value the contract value now, when known
 * @param effectiveFrom the first day of the new terms
 * @param effectiveTo the end of the agreement, exclusive; open-ended when absent
 * @param noticeDays notice period in days
 */
public record PartnerAgreementAmended(
    String agreementId,
    String partnerId,
    int amendment,
    List<String> capabilities,
    BigDecimal capacityFte,
    Money value,
    LocalDate effectiveFrom,
    LocalDate effectiveTo,
    int noticeDays) {

  public PartnerAgreementAmended {
    Require.text(agreementId, "agreementId");
    Require.text(partnerId, "partnerId");
    if (amendment < 1) {
      throw new IllegalArgumentException("amendment must be 1 or more");
    }
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
}
