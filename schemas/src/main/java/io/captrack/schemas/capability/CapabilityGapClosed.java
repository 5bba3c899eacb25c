package io.captrack.schemas.capability;

import io.captrack.schemas.Require;

/**
 * A capability now meets its target, in people and in partner capacity.
 *
 * @param capabilityId the capability, the Kafka key
 * @param gap the figures against the target after the change
 * @param cause the event that closed the gap
 */
public record CapabilityGapClosed(String capabilityId, GapFigures gap, Cause cause) {

  public CapabilityGapClosed {
    Require.text(capabilityId, "capabilityId");
    Require.present(gap, "gap");
    Require.present(cause, "cause");
  }
}
