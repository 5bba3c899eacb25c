package io.captrack.platform.web;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A client's command that captrack refuses; becomes an RFC 9457 problem with the given status, type
 * {@code https://captrack.io/problems/<type>} and detail.
 */
public class CommandRejectedException extends RuntimeException {

  private final HttpStatus status;
  private final String type;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private Duration retryAfter;

  public CommandRejectedException(HttpStatus status, String type, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
  }

  /** 422: the request is well formed but names something captrack does not know or allow. */
  public static CommandRejectedException unprocessable(String type, String detail) {
    return new CommandRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, type, detail);
  }

  /** 404: the aggregate does not exist. */
  public static CommandRejectedException notFound(String what, String id) {
    return new CommandRejectedException(
        HttpStatus.NOT_FOUND, "not-found", what + " " + id + " does not exist");
  }

  /** 409: the command conflicts with what exists. */
  public static CommandRejectedException conflict(String type, String detail) {
    return new CommandRejectedException(HttpStatus.CONFLICT, type, detail);
  }

  /** 403: the actor may not do this. */
  public static CommandRejectedException forbidden(String type, String detail) {
    return new CommandRejectedException(HttpStatus.FORBIDDEN, type, detail);
  }

  /** 503: the service cannot take this now; the client may retry after {@code retryAfter}. */
  public static CommandRejectedException unavailable(
      String type, String detail, Duration retryAfter) {
    CommandRejectedException e =
        new CommandRejectedException(HttpStatus.SERVICE_UNAVAILABLE, type, detail);
    e.retryAfter = retryAfter;
    return e;
  }

  /** When a client may try again (a {@code Retry-After} header), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Adds a member to the problem document, such as a link to the existing resource. */
  public CommandRejectedException with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  Map<String, Object> properties() {
    return properties;
  }

  public HttpStatus status() {
    return status;
  }

  public URI type() {
    return ProblemTypes.uri(type);
  }
}
