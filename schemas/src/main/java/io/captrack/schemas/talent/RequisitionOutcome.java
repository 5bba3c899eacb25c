package io.captrack.schemas.talent;

/** How a requisition ended. */
public enum RequisitionOutcome {
  FILLED,
  CANCELLED
}
