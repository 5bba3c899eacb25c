package io.captrack.schemas;

/** A record that is not a valid captrack event; the message says why, for the dead-letter topic. */
public class UnreadableEventException extends RuntimeException {

  public UnreadableEventException(String message) {
    super(message);
  }

  public UnreadableEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
