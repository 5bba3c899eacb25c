package io.captrack.learning.completion;

/** What {@code POST /completions} answers. */
record CompletionView(String enrolmentId, String personRef) {}
