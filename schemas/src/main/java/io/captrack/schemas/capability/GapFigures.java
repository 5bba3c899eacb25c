package io.captrack.schemas.capability;

import java.math.BigDecimal;

/**
 * A capability measured against its target.
 *
 * @param targetLevel the level people must hold to count
 * @param targetHeadcount how many people at that level or above
 * @param targetFte how much partner capacity
 * @param holdersAtTarget people at the target level or above
 * @param partnerFte partner capacity lent
 * @param headcountGap people missing, zero when met
 * @param fteGap capacity missing, zero when met
 */
public record GapFigures(
    int targetLevel,
    int targetHeadcount,
    BigDecimal targetFte,
    int holdersAtTarget,
    BigDecimal partnerFte,
    int headcountGap,
    BigDecimal fteGap) {

  /** Whether anything is missing. */
  public boolean open() {
    return headcountGap > 0 || fteGap.signum() > 0;
  }
}
