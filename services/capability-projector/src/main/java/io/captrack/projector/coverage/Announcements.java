package io.captrack.projector.coverage;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.CapabilityGapClosed;
import io.captrack.schemas.capability.CapabilityGapOpened;
import io.captrack.schemas.capability.Cause;
import io.captrack.schemas.capability.CoverageFigures;
import io.captrack.schemas.capability.GapFigures;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a change of a capability's figures announces on {@code capability.changes}: the change
 * itself when the figures differ, with the events that caused it, and a gap event when they cross
 * the target.
 */
record Announcements(
    String source, String capabilityId, List<Cause> causes, int count, OffsetDateTime time) {

  /** A change with one cause. */
  Announcements(String source, String capabilityId, Cause cause, OffsetDateTime time) {
    this(source, capabilityId, List.of(cause), 1, time);
  }

  private Cause cause() {
    return causes.get(0);
  }

  List<CloudEvent<?>> of(
      CoverageFigures before,
      CoverageFigures after,
      Optional<GapFigures> gapBefore,
      Optional<GapFigures> gapAfter) {
    List<CloudEvent<?>> events = new ArrayList<>(2);
    if (!before.equals(after)) {
      events.add(
          CloudEvent.of(
              EventTypes.CAPABILITY_COVERAGE_CHANGED,
              source,
              time,
              capabilityId,
              new CapabilityCoverageChanged(capabilityId, before, after, cause(), causes, count)));
    }
    events.addAll(gap(gapBefore, gapAfter));
    return events;
  }

  /** A gap opening or closing, when the figures cross the target. */
  List<CloudEvent<?>> gap(Optional<GapFigures> before, Optional<GapFigures> after) {
    if (before.isEmpty() || after.isEmpty() || before.get().open() == after.get().open()) {
      return List.of();
    }
    return List.of(
        after.get().open()
            ? CloudEvent.of(
                EventTypes.CAPABILITY_GAP_OPENED,
                source,
                time,
                capabilityId,
                new CapabilityGapOpened(capabilityId, after.get(), cause()))
            : CloudEvent.of(
                EventTypes.CAPABILITY_GAP_CLOSED,
                source,
                time,
                capabilityId,
                new CapabilityGapClosed(capabilityId, after.get(), cause())));
  }
}
