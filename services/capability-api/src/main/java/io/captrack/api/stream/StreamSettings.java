package io.captrack.api.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live stream's limits.
 *
 * @param maxSubscribers open streams per instance; one more gets a 503 problem
 * @param queueCapacity changes waiting for one slow subscriber before its stream is closed (it
 *     resumes with Last-Event-ID, from the topic)
 * @param maxReplay changes a resume replays at most; further behind, it gets a reset event
 * @param heartbeat how often an idle stream gets a comment
 * @param timeout how long one stream stays open before the client reconnects
 */
@ConfigurationProperties("captrack.stream")
record StreamSettings(
    @DefaultValue("200") int maxSubscribers,
    @DefaultValue("1000") int queueCapacity,
    @DefaultValue("10000") int maxReplay,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("1h") Duration timeout) {}
