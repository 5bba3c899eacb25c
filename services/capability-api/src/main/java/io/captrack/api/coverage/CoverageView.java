package io.captrack.api.coverage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One capability's coverage as the API answers it.
 *
 * @param asOf the day the figures hold for (holders by effective date)
 * @param partnerFte capacity lent by active, qualified partners under agreements in force on asOf
 * @param dependency how the lent capacity splits among partners
 * @param gap what is missing to reach the target: people at or above the target level, and FTE
 */
public record CoverageView(
    String capabilityId,
    String name,
    String area,
    LocalDate asOf,
    int holders,
    Map<String, Integer> holdersByLevel,
    Map<String, Integer> holdersByChannel,
    BigDecimal partnerFte,
    Target target,
    Gap gap,
    Dependency dependency,
    Instant updatedAt) {

  /** The capability's target. */
  public record Target(int level, int headcount, BigDecimal fte) {}

  /** Headcount and FTE still missing against the target; zero when it is met. */
  public record Gap(int headcount, BigDecimal fte) {}
}
