package io.captrack.schemas;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event as captrack carries it.
 *
 * @param id unique with {@code source}; identifies a duplicate
 * @param source the producing service, e.g. {@code /captrack/partner-service}
 * @param type the event type
 * @param time when it happened in the business (the effective time)
 * @param subject the aggregate id, also the Kafka key
 * @param recordedAt when captrack learnt it (extension {@code recordedat})
 * @param data the payload
 */
public record CloudEvent<T>(
    String id,
    String source,
    EventType<T> type,
    OffsetDateTime time,
    String subject,
    Instant recordedAt,
    T data) {

  public CloudEvent {
    Require.text(id, "id");
    Require.text(source, "source");
    Require.present(type, "type");
    Require.present(time, "time");
    Require.text(subject, "subject");
    Require.present(recordedAt, "recordedAt");
    Require.present(data, "data");
  }

  /** A new event with a random id, recorded now. */
  public static <T> CloudEvent<T> of(
      EventType<T> type, String source, OffsetDateTime time, String subject, T data) {
    return new CloudEvent<>(
        UUID.randomUUID().toString(), source, type, time, subject, Instant.now(), data);
  }
}
