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
 * @param pipeline what is on its way on asOf: open requisitions (headcount), enrolments in
 *     progress, partners onboarding for the capability
 * @param timeToCapability per channel, over everything acquired up to asOf: BUILD from enrolment to
 *     passed completion, BUY from a requisition's opening to its filling (once per hire), BORROW
 *     from a partner's first qualification round to its first day of lent capacity
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
    Pipeline pipeline,
    Map<String, TimeToCapability> timeToCapability,
    Dependency dependency,
    Instant updatedAt) {

  /** The capability's target. */
  public record Target(int level, int headcount, BigDecimal fte) {}

  /** Headcount and FTE still missing against the target; zero when it is met. */
  public record Gap(int headcount, BigDecimal fte) {}

  /** What is on its way. */
  public record Pipeline(long requisitions, long enrolments, long partnersOnboarding) {}

  /** How long acquiring the capability took, in days: nearest-rank median and 90th percentile. */
  public record TimeToCapability(long count, long medianDays, long p90Days) {}
}
