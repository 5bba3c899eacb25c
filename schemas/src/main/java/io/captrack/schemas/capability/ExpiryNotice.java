package io.captrack.schemas.capability;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * Something that counts for a capability stops counting soon: sent once per threshold (90, 60, 30,
 * 7 and 0 days before its last day) by the projector's daily tick.
 *
 * @param capabilityId the capability, the Kafka key
 * @param kind CREDENTIAL, AGREEMENT or QUALIFICATION
 * @param id the credential, agreement or qualification id
 * @param holder the personRef or partnerId it belongs to
 * @param lastDay the last day it counts
 * @param daysLeft days from the tick to the last day
 * @param threshold the threshold reached: 90, 60, 30, 7 or 0
 */
public record ExpiryNotice(
    String capabilityId,
    String kind,
    String id,
    String holder,
    LocalDate lastDay,
    int daysLeft,
    int threshold) {

  public ExpiryNotice {
    Require.text(capabilityId, "capabilityId");
    Require.text(kind, "kind");
    Require.text(id, "id");
    Require.text(holder, "holder");
    Require.present(lastDay, "lastDay");
  }
}
