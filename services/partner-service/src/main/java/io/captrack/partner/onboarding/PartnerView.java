package io.captrack.partner.onboarding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A partner as the API shows it. */
public record PartnerView(
    String partnerId,
    String name,
    String erpSupplierNumber,
    String taxId,
    String status,
    long version,
    List<AgreementView> agreements) {

  /** An agreement of the partner. */
  public record AgreementView(
      String agreementId,
      List<String> capabilities,
      BigDecimal capacityFte,
      LocalDate effectiveFrom,
      LocalDate effectiveTo,
      int noticeDays) {}
}
