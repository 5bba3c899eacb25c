package io.captrack.api.stream;

/** One record of {@code capability.changes}, as the stream relays it. */
record ChangeRecord(
    int partition, long offset, String capabilityId, String eventId, String type, String data) {}
