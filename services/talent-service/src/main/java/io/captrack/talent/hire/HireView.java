package io.captrack.talent.hire;

/** What a recorded hire answers; {@code version} is the person's new ETag. */
record HireView(String hireId, String personRef, long version) {}
