package io.captrack.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CloudEvents 1.0 Kafka protocol binding in binary mode: attributes in {@code ce_*} headers,
 * the JSON payload as the record value, the subject as the key unless the event carries a partition
 * key ({@code ce_partitionkey}, the CloudEvents partitioning extension).
 */
public final class CloudEventCodec {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String TIME = "ce_time";
  public static final String SUBJECT = "ce_subject";
  public static final String RECORDED_AT = "ce_recordedat";
  public static final String PARTITION_KEY = "ce_partitionkey";
  public static final String CONTENT_TYPE = "content-type";

  private final JsonMapper json;

  public CloudEventCodec() {
    this(defaultMapper());
  }

  public CloudEventCodec(JsonMapper json) {
    this.json = json;
  }

  /**
   * The mapper captrack uses for payloads: ISO dates, unknown fields ignored (additive changes).
   */
  public static JsonMapper defaultMapper() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
  }

  /** The JSON payload of an event. */
  public byte[] data(Object payload) {
    return json.writeValueAsBytes(payload);
  }

  /** The Kafka record for an event. */
  public ProducerRecord<String, byte[]> toRecord(CloudEvent<?> event) {
    return toRecord(
        event.type().topic().name(),
        event.id(),
        event.source(),
        event.type().name(),
        event.time(),
        event.subject(),
        event.recordedAt(),
        data(event.data()),
        event.partitionKey());
  }

  /** The Kafka record for an event whose payload is already serialised (as an outbox keeps it). */
  public static ProducerRecord<String, byte[]> toRecord(
      String topic,
      String id,
      String source,
      String type,
      OffsetDateTime time,
      String subject,
      Instant recordedAt,
      byte[] data) {
    return toRecord(topic, id, source, type, time, subject, recordedAt, data, null);
  }

  /** As above, keyed by the partition key when there is one. */
  public static ProducerRecord<String, byte[]> toRecord(
      String topic,
      String id,
      String source,
      String type,
      OffsetDateTime time,
      String subject,
      Instant recordedAt,
      byte[] data,
      String partitionKey) {
    Headers headers = new RecordHeaders();
    put(headers, SPEC_VERSION, "1.0");
    put(headers, ID, id);
    put(headers, SOURCE, source);
    put(headers, TYPE, type);
    put(headers, TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
    put(headers, SUBJECT, subject);
    put(headers, RECORDED_AT, recordedAt.toString());
    put(headers, CONTENT_TYPE, "application/json");
    if (partitionKey != null) {
      put(headers, PARTITION_KEY, partitionKey);
    }
    return new ProducerRecord<>(
        topic, null, partitionKey != null ? partitionKey : subject, data, headers);
  }

  /** Reads a consumed record back into an event, or says why it cannot. */
  public CloudEvent<?> decode(ConsumerRecord<String, byte[]> record) {
    return decode(record.headers(), record.value());
  }

  /** Reads headers and value back into an event, or says why it cannot. */
  public CloudEvent<?> decode(Headers headers, byte[] value) {
    String version = header(headers, SPEC_VERSION);
    if (!"1.0".equals(version)) {
      throw new UnreadableEventException("unsupported or missing ce_specversion: " + version);
    }
    String typeName = header(headers, TYPE);
    EventType<?> type =
        EventTypes.byName(typeName)
            .orElseThrow(() -> new UnreadableEventException("unknown ce_type: " + typeName));
    if (value == null || value.length == 0) {
      throw new UnreadableEventException("empty payload for " + typeName);
    }
    return decode(type, headers, value);
  }

  /**
   * An event from its attributes and its data's JSON, as a consumer keeps it (no partition key):
   * the same event {@link #decode(Headers, byte[])} reads from a record with those headers, without
   * writing and parsing them.
   */
  public CloudEvent<?> decode(
      String typeName,
      String id,
      String source,
      OffsetDateTime time,
      String subject,
      Instant recordedAt,
      byte[] value) {
    EventType<?> type =
        EventTypes.byName(typeName)
            .orElseThrow(() -> new UnreadableEventException("unknown ce_type: " + typeName));
    return stored(type, id, source, time, subject, recordedAt, value);
  }

  private <T> CloudEvent<T> stored(
      EventType<T> type,
      String id,
      String source,
      OffsetDateTime time,
      String subject,
      Instant recordedAt,
      byte[] value) {
    try {
      return new CloudEvent<>(
          id, source, type, time, subject, recordedAt, payload(type, value), null);
    } catch (IllegalArgumentException e) {
      throw new UnreadableEventException("invalid CloudEvents attributes: " + e.getMessage(), e);
    }
  }

  private <T> T payload(EventType<T> type, byte[] value) {
    try {
      return json.readValue(value, type.payload());
    } catch (JacksonException e) {
      throw new UnreadableEventException(
          "payload is not a valid " + type.name() + ": " + e.getOriginalMessage(), e);
    }
  }

  private <T> CloudEvent<T> decode(EventType<T> type, Headers headers, byte[] value) {
    T data = payload(type, value);
    try {
      return new CloudEvent<>(
          required(headers, ID),
          required(headers, SOURCE),
          type,
          Rfc3339.offsetDateTime(required(headers, TIME)),
          required(headers, SUBJECT),
          Rfc3339.instant(required(headers, RECORDED_AT)),
          data,
          header(headers, PARTITION_KEY));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new UnreadableEventException("invalid CloudEvents attributes: " + e.getMessage(), e);
    }
  }

  private static String required(Headers headers, String name) {
    String value = header(headers, name);
    if (value == null || value.isBlank()) {
      throw new UnreadableEventException("missing header " + name);
    }
    return value;
  }

  /** The last value of a header as UTF-8 text, or null. */
  public static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void put(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
