package io.captrack.schemas.capability;

import io.captrack.schemas.Require;

/**
 * A capability that met its target no longer does.
 *
 * @param capabilityId the capability, the Kafka key
 * @param gap the figures against the target after the change
 * @param cause the event that opened the gap
 */
public record CapabilityGapOpened(String capabilityId, GapFigures gap, Cause cause) {

  public CapabilityGapOpened {
    Require.text(capabilityId, "capabilityId");
    Require.present(gap, "gap");
    Require.present(cause, "cause");
  }
}
