package io.captrack.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The door every consumed record passes, whoever produced it: CloudEvents attributes in binary
 * mode, the JSON Schema of its type (formats asserted), then what a schema cannot say (capability
 * ids the taxonomy knows, dates within {@link #FIRST_DAY}..{@link #LAST_DAY}, the Kafka key being
 * the aggregate the event is about). A record that fails is refused with a reason that will not
 * change on retry; one that passes is an event the projector can apply.
 *
 * <p>Attributes captrack adds but other producers may not: {@code recordedat} and {@code time}
 * default to the Kafka record's timestamp, {@code subject} to its key, {@code partitionkey} to its
 * key when that is not the subject.
 */
public final class EventGate {

  /** The largest payload accepted; captrack's own events are a few hundred bytes. */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  /** The earliest effective date accepted. */
  public static final LocalDate FIRST_DAY = EffectiveDates.FIRST_DAY;

  /** The latest effective date accepted. */
  public static final LocalDate LAST_DAY = EffectiveDates.LAST_DAY;

  private static final int MAX_ERRORS = 3;

  private final JsonMapper json;
  private final Map<String, Schema> schemas = new HashMap<>();
  private final Predicate<String> knownCapability;

  /** A gate that knows the capabilities {@code knownCapability} accepts. */
  public EventGate(Predicate<String> knownCapability) {
    this.knownCapability = knownCapability;
    this.json =
        CloudEventCodec.defaultMapper()
            .rebuild()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    for (EventType<?> type : EventTypes.ALL) {
      try (InputStream in =
          EventGate.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
        Objects.requireNonNull(in, type.schemaResource());
        schemas.put(type.name(), registry.getSchema(in, InputFormat.JSON));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The event a record carries, or {@link UnreadableEventException} with the reason. */
  public CloudEvent<?> admit(ConsumerRecord<String, byte[]> record) {
    for (Header h : record.headers()) {
      if (h.key().startsWith("ce_") && h.value() != null && !EnvelopeText.utf8(h.value())) {
        throw new UnreadableEventException("header " + h.key() + " is not valid UTF-8");
      }
    }
    String version = CloudEventCodec.header(record.headers(), CloudEventCodec.SPEC_VERSION);
    if (!"1.0".equals(version)) {
      throw new UnreadableEventException("unsupported or missing ce_specversion: " + version);
    }
    String typeName = attribute(record, CloudEventCodec.TYPE, true);
    EventType<?> type =
        EventTypes.byName(typeName)
            .orElseThrow(() -> new UnreadableEventException("unknown ce_type: " + typeName));
    if (!type.topic().name().equals(record.topic())) {
      throw new UnreadableEventException(
          typeName + " belongs on " + type.topic().name() + ", not on " + record.topic());
    }
    String id = attribute(record, CloudEventCodec.ID, true);
    if (!EnvelopeText.eventId(id)) {
      throw new UnreadableEventException(
          "ce_id must be 1 to 128 visible ASCII characters, not starting with $");
    }
    String source = attribute(record, CloudEventCodec.SOURCE, true);
    Instant timestamp = Instant.ofEpochMilli(Math.max(0, record.timestamp()));
    OffsetDateTime time = time(record, timestamp);
    Instant recordedAt = recordedAt(record, timestamp);
    String subject = attribute(record, CloudEventCodec.SUBJECT, false);
    if (subject == null) {
      subject = record.key();
    }
    if (subject == null) {
      throw new UnreadableEventException("no ce_subject and no Kafka key");
    }
    String contentType = CloudEventCodec.header(record.headers(), CloudEventCodec.CONTENT_TYPE);
    if (contentType != null && !contentType.startsWith("application/json")) {
      throw new UnreadableEventException("content-type " + contentType + " is not JSON");
    }
    JsonNode payload = payload(type, record.value());
    checkCapabilities(payload);
    checkKey(type, payload, record.key(), subject);
    Object data = data(type, payload);
    checkDates(data, type.payload().getSimpleName());
    String partitionKey = attribute(record, CloudEventCodec.PARTITION_KEY, false);
    if (partitionKey == null && !record.key().equals(subject)) {
      // keyed by something other than its subject, without saying so: the key is what it travels
      // by, and what a void joins (see the projector's README on voids)
      partitionKey = record.key();
    }
    try {
      return event(type, id, source, time, subject, recordedAt, data, partitionKey);
    } catch (IllegalArgumentException e) {
      // the envelope's own invariants (a blank ce_source, say): the record's fault, never retried
      throw new UnreadableEventException("not a valid CloudEvent: " + e.getMessage(), e);
    }
  }

  private JsonNode payload(EventType<?> type, byte[] value) {
    if (value == null || value.length == 0) {
      throw new UnreadableEventException("empty payload for " + type.name());
    }
    if (value.length > MAX_PAYLOAD_BYTES) {
      throw new UnreadableEventException(
          "payload of " + value.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
    }
    if (!EnvelopeText.utf8(value)) {
      throw new UnreadableEventException("payload is not valid UTF-8");
    }
    JsonNode node;
    try {
      node = json.readTree(value);
    } catch (JacksonException e) {
      throw new UnreadableEventException(
          "payload is not a valid "
              + type.name()
              + ": not JSON: "
              + shorten(e.getOriginalMessage()),
          e);
    }
    if (node == null || !node.isObject()) {
      throw new UnreadableEventException("payload of " + type.name() + " is not a JSON object");
    }
    List<Error> errors =
        schemas
            .get(type.name())
            .validate(node, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    if (!errors.isEmpty()) {
      List<String> messages = new ArrayList<>();
      errors.stream().limit(MAX_ERRORS).forEach(e -> messages.add(shorten(e.toString())));
      throw new UnreadableEventException(
          "payload does not match the schema of " + type.name() + ": " + messages);
    }
    return node;
  }

  private void checkCapabilities(JsonNode payload) {
    List<String> named = new ArrayList<>();
    JsonNode one = payload.get("capabilityId");
    if (one != null && one.isString()) {
      named.add(one.asString());
    }
    JsonNode many = payload.get("capabilities");
    if (many != null && many.isArray()) {
      for (JsonNode c : many) {
        JsonNode id = c.isObject() ? c.get("capabilityId") : c;
        if (id != null && id.isString()) {
          named.add(id.asString());
        }
      }
    }
    for (String capabilityId : named) {
      if (!knownCapability.test(capabilityId)) {
        throw new UnreadableEventException("unknown capability " + capabilityId);
      }
    }
  }

  /**
   * Events about one aggregate must share its key, or two consumers would own one document: a
   * person's events are keyed by personRef, a partner's by partnerId (also its subject), a
   * requisition's by its id, a target by its capability.
   */
  private static void checkKey(EventType<?> type, JsonNode payload, String key, String subject) {
    if (key == null) {
      throw new UnreadableEventException("a record of " + type.name() + " needs a Kafka key");
    }
    String field = null;
    for (String candidate : List.of("personRef", "partnerId", "requisitionId")) {
      if (payload.hasNonNull(candidate)) {
        field = candidate;
        break;
      }
    }
    if (field == null && type.equals(EventTypes.CAPABILITY_TARGET_SET)) {
      field = "capabilityId";
    }
    if (field == null) {
      return;
    }
    String aggregate = payload.get(field).asString();
    if (!aggregate.equals(key)) {
      throw new UnreadableEventException(
          "the Kafka key must be the event's " + field + " (" + aggregate + ")");
    }
    if (field.equals("partnerId") && !aggregate.equals(subject)) {
      throw new UnreadableEventException("ce_subject must be the event's partnerId");
    }
  }

  private Object data(EventType<?> type, JsonNode payload) {
    try {
      return json.treeToValue(payload, type.payload());
    } catch (JacksonException e) {
      throw new UnreadableEventException(
          "payload is not a valid " + type.name() + ": " + shorten(e.getOriginalMessage()), e);
    }
  }

  /** Every date in the payload, however deep, within the accepted range. */
  private static void checkDates(Object value, String path) {
    EffectiveDates.outOfRange(value, path)
        .ifPresent(
            why -> {
              throw new UnreadableEventException(why);
            });
  }

  private static OffsetDateTime time(ConsumerRecord<String, byte[]> record, Instant fallback) {
    String text = attribute(record, CloudEventCodec.TIME, false);
    OffsetDateTime time;
    try {
      time = text == null ? fallback.atOffset(ZoneOffset.UTC) : Rfc3339.offsetDateTime(text);
    } catch (DateTimeParseException e) {
      throw new UnreadableEventException("ce_time is not an RFC 3339 timestamp: " + text, e);
    }
    LocalDate day = time.toLocalDate();
    if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
      throw new UnreadableEventException(
          "ce_time " + text + " is outside " + FIRST_DAY + ".." + LAST_DAY);
    }
    return time;
  }

  private static Instant recordedAt(ConsumerRecord<String, byte[]> record, Instant fallback) {
    String text = attribute(record, CloudEventCodec.RECORDED_AT, false);
    try {
      return text == null ? fallback : Rfc3339.instant(text);
    } catch (DateTimeParseException e) {
      throw new UnreadableEventException("ce_recordedat is not an RFC 3339 timestamp", e);
    }
  }

  /** A header's text: visible ASCII and spaces, at most 256 characters. */
  private static String attribute(
      ConsumerRecord<String, byte[]> record, String name, boolean required) {
    String value = CloudEventCodec.header(record.headers(), name);
    if (value == null || value.isEmpty()) {
      if (required) {
        throw new UnreadableEventException("missing header " + name);
      }
      return null;
    }
    if (!EnvelopeText.printable(value)) {
      throw new UnreadableEventException(
          "header " + name + " must be 1 to 256 printable ASCII characters");
    }
    return value;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CloudEvent<?> event(
      EventType<?> type,
      String id,
      String source,
      OffsetDateTime time,
      String subject,
      Instant recordedAt,
      Object data,
      String partitionKey) {
    return new CloudEvent(
        id, source, (EventType) type, time, subject, recordedAt, data, partitionKey);
  }

  private static String shorten(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
