package io.captrack.projector.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the projector's consumer.
 *
 * @param groupId the consumer group
 * @param concurrency consumer threads in this instance
 * @param maxPollRecords records per batch at most
 */
@ConfigurationProperties("captrack.projector")
record ProjectorProperties(
    @DefaultValue("capability-projector") String groupId,
    @DefaultValue("1") int concurrency,
    @DefaultValue("5000") int maxPollRecords) {}
