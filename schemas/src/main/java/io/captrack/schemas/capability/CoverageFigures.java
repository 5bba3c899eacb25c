package io.captrack.schemas.capability;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How well one capability is covered at a moment.
 *
 * @param holders people holding the capability at level 1 or more
 * @param holdersByLevel holders per canonical level ("1".."7")
 * @param holdersByChannel holders per channel that brought them to their level
 * @param partnerFte capacity borrowed from partners under agreements in force
 */
public record CoverageFigures(
    int holders,
    Map<String, Integer> holdersByLevel,
    Map<String, Integer> holdersByChannel,
    BigDecimal partnerFte) {

  /** No holder and no partner capacity. */
  public static final CoverageFigures NONE =
      new CoverageFigures(0, Map.of(), Map.of(), BigDecimal.ZERO);

  public CoverageFigures {
    holdersByLevel = Map.copyOf(holdersByLevel);
    holdersByChannel = Map.copyOf(holdersByChannel);
  }
}
