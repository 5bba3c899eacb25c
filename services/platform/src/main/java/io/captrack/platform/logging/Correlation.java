package io.captrack.platform.logging;

import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The correlation id of captrack's logs: the CloudEvents id of the event a line is about, in the
 * MDC key {@value #EVENT_ID}. The producer that records an event, its outbox relay and the
 * projector that applies it each log under that id, so one search follows an event from the command
 * to the read model. With structured logging ({@code logging.structured.format.console=ecs} or
 * {@code logstash}) it is a field of each JSON line.
 */
public final class Correlation {

  /** MDC key of the CloudEvents id. */
  public static final String EVENT_ID = "ce_id";

  /** MDC key of the CloudEvents type. */
  public static final String EVENT_TYPE = "ce_type";

  private Correlation() {}

  /** Logs {@code message} at INFO with the event's id and type in the MDC. */
  public static void info(Logger log, String id, String type, String message, Object... args) {
    if (log.isInfoEnabled()) {
      try (var a = MDC.putCloseable(EVENT_ID, id);
          var b = MDC.putCloseable(EVENT_TYPE, type)) {
        log.info(message, args);
      }
    }
  }

  /** Logs {@code message} at DEBUG with the event's id and type in the MDC. */
  public static void debug(Logger log, String id, String type, String message, Object... args) {
    if (log.isDebugEnabled()) {
      try (var a = MDC.putCloseable(EVENT_ID, id);
          var b = MDC.putCloseable(EVENT_TYPE, type)) {
        log.debug(message, args);
      }
    }
  }

  /** Logs {@code message} at WARN with the event's id and type (either may be null) in the MDC. */
  public static void warn(Logger log, String id, String type, String message, Object... args) {
    try (var a = MDC.putCloseable(EVENT_ID, id);
        var b = MDC.putCloseable(EVENT_TYPE, type)) {
      log.warn(message, args);
    }
  }
}
