package io.captrack.schemas.partner;

/** Where a partner stands with procurement. Only an ACTIVE partner lends capacity. */
public enum PartnerStatus {
  ONBOARDING,
  ACTIVE,
  ON_HOLD,
  SUSPENDED,
  OFFBOARDED
}
