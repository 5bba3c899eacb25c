package io.captrack.platform.web;

import java.security.Principal;
import org.springframework.http.HttpStatus;

/**
 * Who acts: the subject of the caller's token. The actor stays in the service's audit trail and
 * never goes into an event; four-eyes rules compare subjects exactly.
 */
public final class Actors {

  private Actors() {}

  /** The caller's subject; a request that reached a controller without one is refused. */
  public static String of(Principal principal) {
    if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
      throw new CommandRejectedException(
          HttpStatus.UNAUTHORIZED, "unauthenticated", "this needs a token with a subject");
    }
    String subject = principal.getName();
    if (subject.length() > 255) {
      throw new CommandRejectedException(
          HttpStatus.BAD_REQUEST, "invalid-actor", "the token's subject is over 255 characters");
    }
    return subject;
  }
}
