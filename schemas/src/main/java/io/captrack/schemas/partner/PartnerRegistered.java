package io.captrack.schemas.partner;

import io.captrack.schemas.Require;

/**
 * A partner (supplier, agency, alliance) became known to procurement.
 *
 * @param partnerId captrack's id of the partner, the Kafka key of all its events
 * @param name the partner's legal name (an organisation, never a person)
 * @param erpSupplierNumber the supplier number in the ERP, when there is one
 * @param taxId the partner's tax id, when known
 */
public record PartnerRegistered(
    String partnerId, String name, String erpSupplierNumber, String taxId) {

  public PartnerRegistered {
    Require.text(partnerId, "partnerId");
    Require.text(name, "name");
  }
}
