package io.captrack.platform.web;

/** Response headers a replayed answer keeps beside Location and ETag. */
public final class IdempotencyHeaders {

  /** Where a command's events landed in Kafka (read your writes). */
  public static final String POSITION = "Captrack-Position";

  private IdempotencyHeaders() {}
}
