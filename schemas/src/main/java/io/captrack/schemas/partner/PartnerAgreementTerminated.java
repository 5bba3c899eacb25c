package io.captrack.schemas.partner;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * An agreement ends early.
 *
 * @param agreementId the agreement
 * @param partnerId the partner, the Kafka key
 * @param effectiveOn the first day the agreement is no longer in force
 * @param reason why, in procurement's words
 */
public record PartnerAgreementTerminated(
    String agreementId, String partnerId, LocalDate effectiveOn, String reason) {

  public PartnerAgreementTerminated {
    Require.text(agreementId, "agreementId");
    Require.text(partnerId, "partnerId");
    Require.present(effectiveOn, "effectiveOn");
  }
}
