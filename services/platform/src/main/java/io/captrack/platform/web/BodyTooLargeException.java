package io.captrack.platform.web;

import java.io.IOException;

/** A request body of unannounced length (chunked) grew past the limit while it was read. */
final class BodyTooLargeException extends IOException {

  private final long limit;

  BodyTooLargeException(long limit) {
    super("the body has more than " + limit + " bytes");
    this.limit = limit;
  }

  long limit() {
    return limit;
  }

  /** The exception itself or one of its causes, if any is a body too large. */
  static BodyTooLargeException in(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException b) {
        return b;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
