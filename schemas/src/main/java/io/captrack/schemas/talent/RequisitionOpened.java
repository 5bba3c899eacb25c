package io.captrack.schemas.talent;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * HR opened a requisition to hire for a capability: the BUY channel's pipeline.
 *
 * @param requisitionId the requisition, the Kafka key
 * @param capabilityId the capability sought
 * @param level the level sought
 * @param headcount how many people
 * @param openedOn the day it opened
 * @param targetDate when the hire is wanted, if said
 */
public record RequisitionOpened(
    String requisitionId,
    String capabilityId,
    int level,
    int headcount,
    LocalDate openedOn,
    LocalDate targetDate) {

  public RequisitionOpened {
    Require.text(requisitionId, "requisitionId");
    Require.text(capabilityId, "capabilityId");
    Require.level(level, "level");
    if (headcount < 1) {
      throw new IllegalArgumentException("headcount must be 1 or more");
    }
    Require.present(openedOn, "openedOn");
  }
}
