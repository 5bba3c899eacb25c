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
 */
@ConfigurationProperties("captrack.outbox")
public record OutboxProperties(
    @DefaultValue List<String> collections,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("5s") Duration maxBackoff,
    @DefaultValue("200") int batchSize) {}
