package io.captrack.schemas.partner;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * A partner's status changed.
 *
 * @param partnerId the partner, the Kafka key
 * @param from the status before
 * @param to the status after
 * @param effectiveOn the day the new status takes effect
 * @param reason why, in procurement's words
 */
public record PartnerStatusChanged(
    String partnerId, PartnerStatus from, PartnerStatus to, LocalDate effectiveOn, String reason) {

  public PartnerStatusChanged {
    Require.text(partnerId, "partnerId");
    Require.present(from, "from");
    Require.present(to, "to");
    Require.present(effectiveOn, "effectiveOn");
  }
}
