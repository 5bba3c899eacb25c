package io.captrack.projector.timeline;

import io.captrack.schemas.Channel;

/**
 * What a person holds of a capability on a day: the counted level and the channel that reached it.
 */
public record Holding(int level, Channel channel) {}
