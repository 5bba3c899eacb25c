package io.captrack.talent.hire;

/**
 * What a recorded hire answers; {@code version} is the person's new ETag, {@code eventId} the id of
 * the TalentHired event recorded (the id that capability-change events name among their causes).
 */
record HireView(String hireId, String personRef, long version, String eventId) {}
