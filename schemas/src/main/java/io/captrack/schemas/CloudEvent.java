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
 * @param subject the aggregate id, and the Kafka key unless a partition key is given
 * @param recordedAt when captrack learnt it (extension {@code recordedat})
 * @param data the payload
 * @param partitionKey the Kafka key when it is not the subject (CloudEvents partitioning extension
 *     {@code partitionkey}), or null: learning events about a person are keyed by the personRef, so
 *     that a person's talent and learning events land on the same partition number
 */
public record CloudEvent<T>(
    String id,
    String source,
    EventType<T> type,
    OffsetDateTime time,
    String subject,
    Instant recordedAt,
    T data,
    String partitionKey) {

  /** An event keyed by its subject. */
  public CloudEvent(
      String id,
      String source,
      EventType<T> type,
      OffsetDateTime time,
      String subject,
      Instant recordedAt,
      T data) {
    this(id, source, type, time, subject, recordedAt, data, null);
  }

  public CloudEvent {
    Require.text(id, "id");
    Require.text(source, "source");
    Require.present(type, "type");
    Require.present(time, "time");
    Require.text(subject, "subject");
    Require.present(recordedAt, "recordedAt");
    Require.present(data, "data");
    if (partitionKey != null) {
      Require.text(partitionKey, "partitionKey");
    }
  }

  /** The Kafka key: the partition key if there is one, else the subject. */
  public String key() {
    return partitionKey != null ? partitionKey : subject;
  }

  /** The same event with another Kafka key. */
  public CloudEvent<T> withPartitionKey(String key) {
    return new CloudEvent<>(id, source, type, time, subject, recordedAt, data, key);
  }

  /** A new event with a random id, recorded now. */
  public static <T> CloudEvent<T> of(
      EventType<T> type, String source, OffsetDateTime time, String subject, T data) {
    return new CloudEvent<>(
        UUID.randomUUID().toString(), source, type, time, subject, Instant.now(), data);
  }
}
