package io.captrack.partner.onboarding;

import io.captrack.schemas.partner.PartnerStatus;
import java.util.List;

/** A partner as the API shows it; {@code version} is also sent as the ETag. */
public record PartnerView(
    String partnerId,
    String name,
    String erpSupplierNumber,
    String taxId,
    PartnerStatus status,
    long version,
    List<Partner.Qualification> qualifications,
    List<Partner.Agreement> agreements) {

  public static PartnerView of(Partner p) {
    return new PartnerView(
        p.partnerId(),
        p.name(),
        p.erpSupplierNumber(),
        p.taxId(),
        p.status(),
        p.version(),
        p.qualifications(),
        p.agreements());
  }
}
