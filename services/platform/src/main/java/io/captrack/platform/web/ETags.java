package io.captrack.platform.web;

import org.springframework.http.HttpStatus;

/** Optimistic concurrency over HTTP: the ETag is the aggregate version; If-Match must name it. */
public final class ETags {

  private ETags() {}

  /** The strong ETag of an aggregate version. */
  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * The version an update expects: the one named by {@code If-Match}, or the current one when the
   * client sent none. A stale If-Match is a 412.
   */
  public static long expected(String ifMatch, long current) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return current;
    }
    String tag = ifMatch.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    long named;
    try {
      named = Long.parseLong(tag.replace("\"", ""));
    } catch (NumberFormatException e) {
      throw new CommandRejectedException(
          HttpStatus.BAD_REQUEST, "invalid-if-match", "If-Match must be an ETag such as \"3\"");
    }
    if (named != current) {
      throw stale(current);
    }
    return named;
  }

  /** 412: the client's copy is older than the aggregate. */
  public static CommandRejectedException stale(long current) {
    return new CommandRejectedException(
        HttpStatus.PRECONDITION_FAILED,
        "stale-version",
        "the resource changed meanwhile; its current ETag is "
            + of(current)
            + ", fetch it and retry");
  }
}
