package io.captrack.talent.hire;

/** What {@code POST /hires} answers. */
record HireView(String hireId, String personRef) {}
