package io.captrack.schemas.partner;

import io.captrack.schemas.Require;
import java.time.LocalDate;
import java.util.List;

/**
 * A partner's qualification for a scope of capabilities changed.
 *
 * @param partnerId the partner, the Kafka key
 * @param qualificationId the qualification; one per scope and round
 * @param capabilities the scope
 * @param status the new status
 * @param validFrom first day the status holds
 * @param validUntil last day a QUALIFIED or CONDITIONAL status holds; absent for other statuses
 */
public record PartnerQualificationChanged(
    String partnerId,
    String qualificationId,
    List<String> capabilities,
    QualificationStatus status,
    LocalDate validFrom,
    LocalDate validUntil) {

  public PartnerQualificationChanged {
    Require.text(partnerId, "partnerId");
    Require.text(qualificationId, "qualificationId");
    capabilities = Require.nonEmpty(capabilities, "capabilities");
    Require.present(status, "status");
    Require.present(validFrom, "validFrom");
    if (validUntil != null && validUntil.isBefore(validFrom)) {
      throw new IllegalArgumentException("validUntil must not be before validFrom");
    }
  }
}
