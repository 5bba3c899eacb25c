package io.captrack.schemas.partner;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * An agreement was renewed: same terms, a later end.
 *
 * @param agreementId the agreement
 * @param partnerId the partner, the Kafka key
 * @param previousEffectiveTo the end before the renewal
 * @param effectiveTo the new end, exclusive
 */
public record PartnerAgreementRenewed(
    String agreementId, String partnerId, LocalDate previousEffectiveTo, LocalDate effectiveTo) {

  public PartnerAgreementRenewed {
    Require.text(agreementId, "agreementId");
    Require.text(partnerId, "partnerId");
    Require.present(previousEffectiveTo, "previousEffectiveTo");
    Require.present(effectiveTo, "effectiveTo");
    if (!effectiveTo.isAfter(previousEffectiveTo)) {
      throw new IllegalArgumentException("effectiveTo must be after previousEffectiveTo");
    }
  }
}
