package io.captrack.platform.web;

import org.springframework.http.HttpStatus;

/**
 * Who acts, from the {@code X-Captrack-Actor} header, until the services take it from a JWT. The
 * actor stays in the service's audit trail and never goes into an event.
 */
public final class Actors {

  public static final String HEADER = "X-Captrack-Actor";

  private Actors() {}

  /** The actor, or "unknown" when the caller did not say. */
  public static String orUnknown(String header) {
    return header == null || header.isBlank() ? "unknown" : check(header);
  }

  /** The actor, required for decisions that need to know who made them. */
  public static String required(String header) {
    if (header == null || header.isBlank()) {
      throw new CommandRejectedException(
          HttpStatus.BAD_REQUEST, "actor-required", HEADER + " must name who makes this decision");
    }
    return check(header);
  }

  private static String check(String actor) {
    String trimmed = actor.trim();
    if (trimmed.length() > 100) {
      throw new CommandRejectedException(
          HttpStatus.BAD_REQUEST, "invalid-actor", HEADER + " must be at most 100 characters");
    }
    return trimmed;
  }
}
