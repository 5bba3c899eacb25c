package io.captrack.schemas.capability;

import io.captrack.schemas.Require;
import java.util.List;

/**
 * The coverage of one capability changed; published by the projector for dashboards, once per
 * capability per batch of events it projects (or once a day for what time alone changes).
 *
 * @param capabilityId the capability, the Kafka key
 * @param before the figures before the batch
 * @param after the figures after the batch
 * @param cause the first event that moved them
 * @param causes the events that moved them, in order, at most {@link #MAX_CAUSES}; older events
 *     without the field read as {@code [cause]}
 * @param causeCount how many events moved them (may exceed the causes listed)
 */
public record CapabilityCoverageChanged(
    String capabilityId,
    CoverageFigures before,
    CoverageFigures after,
    Cause cause,
    List<Cause> causes,
    Integer causeCount) {

  /** The most causes one change lists. */
  public static final int MAX_CAUSES = 100;

  public CapabilityCoverageChanged {
    Require.text(capabilityId, "capabilityId");
    Require.present(before, "before");
    Require.present(after, "after");
    Require.present(cause, "cause");
    causes = causes == null || causes.isEmpty() ? List.of(cause) : List.copyOf(causes);
    if (causes.size() > MAX_CAUSES) {
      throw new IllegalArgumentException("causes lists at most " + MAX_CAUSES + " events");
    }
    causeCount = causeCount == null ? causes.size() : causeCount;
    if (causeCount < causes.size()) {
      throw new IllegalArgumentException("causeCount must count at least the causes listed");
    }
  }

  /** A change with one cause. */
  public CapabilityCoverageChanged(
      String capabilityId, CoverageFigures before, CoverageFigures after, Cause cause) {
    this(capabilityId, before, after, cause, List.of(cause), 1);
  }
}
