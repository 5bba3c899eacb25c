package io.captrack.schemas.capability;

/**
 * The event that caused a change.
 *
 * @param eventId the CloudEvents id of the cause
 * @param eventType the CloudEvents type of the cause
 * @param source the CloudEvents source of the cause
 */
public record Cause(String eventId, String eventType, String source) {}
