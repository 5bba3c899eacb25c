package io.captrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventSchemaTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  static Stream<EventType<?>> types() {
    return EventTypes.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("types")
  void goldenSampleMatchesItsSchema(EventType<?> type) {
    assertThat(schema(type).validate(golden(type), InputFormat.JSON)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("types")
  void serialisedRecordMatchesItsSchema(EventType<?> type) {
    Object event = JSON.readValue(golden(type), type.payload());
    String serialised = JSON.writeValueAsString(event);

    assertThat(schema(type).validate(serialised, InputFormat.JSON)).isEmpty();
    assertThat(JSON.readTree(serialised)).isEqualTo(JSON.readTree(golden(type)));
  }

  @ParameterizedTest
  @MethodSource("types")
  void schemaRejectsASampleMissingARequiredField(EventType<?> type) {
    ObjectNode sample = (ObjectNode) JSON.readTree(golden(type));
    JsonNode required = JSON.readTree(resource(type.schemaResource())).get("required");
    sample.remove(required.get(0).asString());

    List<Error> errors = schema(type).validate(sample.toString(), InputFormat.JSON);

    assertThat(errors).extracting(Error::getMessage).anyMatch(m -> m.contains("required"));
  }

  @ParameterizedTest
  @MethodSource("types")
  void recordsRejectWhatTheSchemaRejects(EventType<?> type) {
    ObjectNode sample = (ObjectNode) JSON.readTree(golden(type));
    JsonNode required = JSON.readTree(resource(type.schemaResource())).get("required");
    sample.remove(required.get(0).asString());

    assertThatThrownBy(() -> JSON.readValue(sample.toString(), type.payload()))
        .isInstanceOf(tools.jackson.core.JacksonException.class);
  }

  @ParameterizedTest
  @MethodSource("types")
  void eventSurvivesTheKafkaBinding(EventType<?> type) {
    roundTrip(type);
  }

  private static <T> void roundTrip(EventType<T> type) {
    CloudEventCodec codec = new CloudEventCodec();
    T data = JSON.readValue(golden(type), type.payload());
    CloudEvent<T> event =
        CloudEvent.of(
            type, "/captrack/test", OffsetDateTime.parse("2026-01-01T00:00:00Z"), "key-1", data);

    ProducerRecord<String, byte[]> sent = codec.toRecord(event);
    ConsumerRecord<String, byte[]> received =
        new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
    sent.headers().forEach(h -> received.headers().add(h));

    assertThat(sent.topic()).isEqualTo(type.topic().name());
    assertThat(CloudEventCodec.header(sent.headers(), CloudEventCodec.TYPE)).isEqualTo(type.name());
    assertThat(codec.decode(received)).isEqualTo(event);
  }

  @Test
  void codecExplainsWhyARecordIsUnreadable() {
    CloudEventCodec codec = new CloudEventCodec();
    ProducerRecord<String, byte[]> sent =
        CloudEventCodec.toRecord(
            "talent.events",
            "id-1",
            "/captrack/test",
            EventTypes.TALENT_HIRED.name(),
            OffsetDateTime.parse("2026-01-01T00:00:00Z"),
            "p1",
            java.time.Instant.parse("2026-01-02T00:00:00Z"),
            "{not json".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> codec.decode(sent.headers(), sent.value()))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("payload is not a valid captrack.talent.hired.v1");
  }

  @Test
  void asyncApiDocumentNamesEveryTypeAndEveryTopic() {
    String asyncApi = resource("captrack/asyncapi.yaml");
    assertThat(asyncApi).startsWith("asyncapi: 3.0.0");
    for (EventType<?> type : EventTypes.ALL) {
      assertThat(asyncApi).contains("name: " + type.name());
      assertThat(asyncApi).contains("$ref: 'schemas/" + type.schema() + "'");
    }
    for (Topic topic : Topics.ALL) {
      assertThat(asyncApi).contains("address: " + topic.name());
    }
    Matcher refs = Pattern.compile("\\$ref: 'schemas/([^']+)'").matcher(asyncApi);
    while (refs.find()) {
      assertThat(resource("captrack/schemas/" + refs.group(1))).isNotBlank();
    }
  }

  @Test
  void everyTopicCarriesTheTypesThatNameIt() {
    assertThat(Topics.TALENT_EVENTS.eventTypes())
        .contains(EventTypes.TALENT_HIRED, EventTypes.TALENT_SEPARATED)
        .allMatch(t -> t.name().startsWith("captrack.talent."));
    assertThat(Topics.CAPABILITY_CHANGES.eventTypes())
        .containsExactly(
            EventTypes.CAPABILITY_COVERAGE_CHANGED,
            EventTypes.CAPABILITY_GAP_OPENED,
            EventTypes.CAPABILITY_GAP_CLOSED,
            EventTypes.EXPIRY_NOTICE);
    assertThat(Topics.PARTNER_EVENTS.deadLetter()).isEqualTo("partner.events.dlt");
    assertThat(EventTypes.byName("captrack.nope.v1")).isEmpty();
  }

  private static Schema schema(EventType<?> type) {
    return REGISTRY.getSchema(resource(type.schemaResource()), InputFormat.JSON);
  }

  private static String golden(EventType<?> type) {
    return resource("golden/" + type.name() + ".json");
  }

  private static String resource(String path) {
    try (InputStream in = EventSchemaTests.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
