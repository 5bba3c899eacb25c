package io.captrack.schemas.capability;

import io.captrack.schemas.Require;

/**
 * The coverage of one capability changed; published by the projector for dashboards.
 *
 * @param capabilityId the capability, the Kafka key
 * @param before the figures before the change
 * @param after the figures after the change
 * @param cause the event that caused it
 */
public record CapabilityCoverageChanged(
    String capabilityId, CoverageFigures before, CoverageFigures after, Cause cause) {

  public CapabilityCoverageChanged {
    Require.text(capabilityId, "capabilityId");
    Require.present(before, "before");
    Require.present(after, "after");
    Require.present(cause, "cause");
  }
}
