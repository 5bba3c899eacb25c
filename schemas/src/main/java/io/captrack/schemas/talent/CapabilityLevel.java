package io.captrack.schemas.talent;

import io.captrack.schemas.Require;

/**
 * A capability at a level of the canonical 0..7 scale.
 *
 * @param capabilityId the taxonomy id
 * @param level the canonical level
 */
public record CapabilityLevel(String capabilityId, int level) {

  public CapabilityLevel {
    Require.text(capabilityId, "capabilityId");
    Require.level(level, "level");
  }
}
