package io.captrack.platform.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay.
 *
 * @param collections the collections whose documents carry an outbox
 * @param pollInterval how often to look for pending events when nobody wakes the relay
 * @param maxBackoff the longest pause after Kafka refused a publication
 * @param batchSize how many documents one pass handles at most
 * @param maxSweepInterval the longest wait between passes over whole collections while they keep
 *     finding nothing left behind: such a pass is the safety net for events an instance that
 *     crashed left (writes wake the relay for the documents written, and their events do not
 *     count), and each one that finds nothing doubles the wait from {@code pollInterval} up to
 *     this; one that finds an event left behind, or fails, starts it again at {@code pollInterval}
 */
@ConfigurationProperties("captrack.outbox")
public record OutboxProperties(
    @DefaultValue List<String> collections,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("5s") Duration maxBackoff,
    @DefaultValue("200") int batchSize,
    @DefaultValue("60s") Duration maxSweepInterval) {}
