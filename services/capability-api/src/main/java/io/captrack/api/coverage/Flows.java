package io.captrack.api.coverage;

import java.time.YearMonth;
import java.util.Map;

/**
 * Holders gained and lost per channel in one month: a holder coming in through a channel is an
 * inflow of that channel, a holder leaving (or leaving the channel) an outflow.
 */
public record Flows(YearMonth month, Map<String, Long> inflows, Map<String, Long> outflows) {}
