package io.captrack.schemas.talent;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * A requisition closed.
 *
 * @param requisitionId the requisition, the Kafka key
 * @param closedOn the day it closed
 * @param outcome FILLED or CANCELLED
 * @param filled how many of its headcount were hired
 */
public record RequisitionClosed(
    String requisitionId, LocalDate closedOn, RequisitionOutcome outcome, int filled) {

  public RequisitionClosed {
    Require.text(requisitionId, "requisitionId");
    Require.present(closedOn, "closedOn");
    Require.present(outcome, "outcome");
    if (filled < 0) {
      throw new IllegalArgumentException("filled must not be negative");
    }
  }
}
