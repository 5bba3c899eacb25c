package io.captrack.projector.timeline;

import io.captrack.schemas.Channel;
import java.time.LocalDate;

/**
 * One claim that a person holds a capability at a level, valid over {@code [from, until)}.
 *
 * @param eventId the event that made the claim (a void names it)
 * @param precedence the weight of the claim's method: ASSESSMENT and CERTIFICATION 4, MANAGER 3,
 *     PEER 2, SELF 1, INFERRED 0
 * @param until first day the claim no longer holds; open-ended when null
 */
record Assertion(
    String eventId,
    String capabilityId,
    int level,
    int precedence,
    Channel channel,
    LocalDate from,
    LocalDate until) {

  boolean validOn(LocalDate day) {
    return !day.isBefore(from) && (until == null || day.isBefore(until));
  }
}
