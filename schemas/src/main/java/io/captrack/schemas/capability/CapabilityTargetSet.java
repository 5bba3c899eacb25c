package io.captrack.schemas.capability;

import io.captrack.schemas.Require;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A planner set what the enterprise aims to have of a capability from a day on.
 *
 * @param capabilityId the capability, the Kafka key
 * @param level the level people should hold at least
 * @param headcount how many people at that level or above
 * @param fte partner capacity wanted, in FTE
 * @param effectiveFrom the first day the target applies; later targets take over from theirs
 * @param reason why, if said
 */
public record CapabilityTargetSet(
    String capabilityId,
    int level,
    int headcount,
    BigDecimal fte,
    LocalDate effectiveFrom,
    String reason) {

  public CapabilityTargetSet {
    Require.text(capabilityId, "capabilityId");
    Require.level(level, "level");
    if (headcount < 0) {
      throw new IllegalArgumentException("headcount must not be negative");
    }
    Require.present(fte, "fte");
    if (fte.signum() < 0) {
      throw new IllegalArgumentException("fte must not be negative");
    }
    Require.present(effectiveFrom, "effectiveFrom");
  }
}
