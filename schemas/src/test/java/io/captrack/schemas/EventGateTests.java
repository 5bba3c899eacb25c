package io.captrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventGateTests {

  private static final Set<String> KNOWN =
      Set.of("exp.ux_designer", "build.devops", "data.ml", "data.analyst", "mkt.digital_media");
  private static final EventGate GATE = new EventGate(KNOWN::contains);
  private static final long TIMESTAMP = Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();

  static Stream<EventType<?>> consumed() {
    return EventTypes.ALL.stream().filter(t -> Topics.SOURCES.contains(t.topic()));
  }

  /** Every golden sample of a consumed type, keyed as captrack's producers key it, gets in. */
  @ParameterizedTest
  @MethodSource("consumed")
  void goldenSamplesPassTheGate(EventType<?> type) {
    String golden = resource("golden/" + type.name() + ".json");
    ConsumerRecord<String, byte[]> record = record(type, keyOf(golden), golden, true);

    CloudEvent<?> event = GATE.admit(record);

    assertThat(event.type()).isEqualTo(type);
    assertThat(event.data()).isNotNull();
  }

  @Test
  void aCloudEventWithoutCaptracksExtensionsTakesTheRecordTimestamp() {
    String golden = resource("golden/captrack.partner.agreement-signed.v1.json");
    ConsumerRecord<String, byte[]> record =
        record(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-acme", golden, false);

    CloudEvent<?> event = GATE.admit(record);

    assertThat(event.recordedAt()).isEqualTo(Instant.ofEpochMilli(TIMESTAMP));
    assertThat(event.time().toInstant()).isEqualTo(Instant.ofEpochMilli(TIMESTAMP));
    assertThat(event.subject()).isEqualTo("p-acme");
  }

  @Test
  void aRecordKeyedByOtherThanItsSubjectTravelsByItsKeyWithOrWithoutThePartitionKeyHeader() {
    String golden = resource("golden/captrack.learning.event-voided.v1.json");
    ConsumerRecord<String, byte[]> bare =
        record(EventTypes.LEARNING_EVENT_VOIDED, "person-1", golden, true);
    bare.headers().remove(CloudEventCodec.SUBJECT);
    bare.headers().add(CloudEventCodec.SUBJECT, bytes("enrolment-7"));
    bare.headers().remove(CloudEventCodec.PARTITION_KEY);

    CloudEvent<?> event = GATE.admit(bare);

    assertThat(event.subject()).isEqualTo("enrolment-7");
    assertThat(event.key()).isEqualTo("person-1");
    // keyed by its subject: no partition key of its own, the same key
    CloudEvent<?> bySubject =
        GATE.admit(record(EventTypes.LEARNING_EVENT_VOIDED, "person-1", golden, true));
    assertThat(bySubject.partitionKey()).isNull();
    assertThat(bySubject.key()).isEqualTo("person-1");
  }

  @Test
  void refusesWhatTheSchemaOrTheRangesRefuse() {
    String golden = resource("golden/captrack.partner.agreement-signed.v1.json");
    assertRefused(golden.replace("2.5", "2.555"), "multiple of 0.01");
    assertRefused(golden.replace("2.5", "1e308"), "maximum");
    assertRefused(golden.replace("\"2027-01-01\"", "\"999999-01-01\""), "date");
    assertRefused(
        golden.replace("\"2026-01-01\"", "\"1066-10-14\"").replace("\"2027-01-01\"", "null"),
        "outside");
    assertRefused(golden.replace("build.devops", "build.nope"), "unknown capability");
    assertRefused(golden.replace("a-2026-001", "a.2026"), "pattern");
    assertRefused(golden.replace("a-2026-001", "$where"), "pattern");
    assertRefused(golden.replace("a-2026-001", "a".repeat(10_000)), "128");
    assertRefused(
        "{\"agreementId\":", "not a valid captrack.partner.agreement-signed.v1: not JSON");
    assertRefused("[1,2]", "not a JSON object");
    assertRefused("{\"agreementId\":\"x\"}", "required");
  }

  @Test
  void refusesAKeyThatIsNotTheAggregate() {
    String golden = resource("golden/captrack.partner.agreement-signed.v1.json");
    ConsumerRecord<String, byte[]> record =
        record(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-other", golden, true);

    assertThatThrownBy(() -> GATE.admit(record)).hasMessageContaining("Kafka key");
  }

  @Test
  void refusesBadAttributes() {
    String golden = resource("golden/captrack.partner.agreement-signed.v1.json");
    ConsumerRecord<String, byte[]> wrongTopic =
        new ConsumerRecord<>("talent.events", 0, 0L, "p-acme", bytes(golden));
    record(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-acme", golden, true)
        .headers()
        .forEach(h -> wrongTopic.headers().add(h));
    assertThatThrownBy(() -> GATE.admit(wrongTopic)).hasMessageContaining("belongs on");

    ConsumerRecord<String, byte[]> badUtf8 =
        record(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-acme", golden, true);
    badUtf8.headers().remove(CloudEventCodec.ID);
    badUtf8.headers().add(CloudEventCodec.ID, new byte[] {(byte) 0xC3, (byte) 0x28});
    assertThatThrownBy(() -> GATE.admit(badUtf8)).hasMessageContaining("UTF-8");

    ConsumerRecord<String, byte[]> noType =
        record(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-acme", golden, true);
    noType.headers().remove(CloudEventCodec.TYPE);
    assertThatThrownBy(() -> GATE.admit(noType)).hasMessageContaining("missing header ce_type");

    ConsumerRecord<String, byte[]> badPayload =
        record(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-acme", "{}", true);
    ConsumerRecord<String, byte[]> invalidUtf8 =
        new ConsumerRecord<>(
            badPayload.topic(), 0, 0L, "p-acme", new byte[] {'{', (byte) 0xFF, '}'});
    badPayload.headers().forEach(h -> invalidUtf8.headers().add(h));
    assertThatThrownBy(() -> GATE.admit(invalidUtf8)).hasMessageContaining("UTF-8");
  }

  @Test
  void headersAndIdsAreCheckedAtTheirBounds() {
    String golden = resource("golden/captrack.partner.agreement-signed.v1.json");
    String[][] ids = {
      {"a", "in"},
      {"!".repeat(128), "in"},
      {"a".repeat(129), "out"},
      {"$x", "out"},
      {"x$", "in"},
      {"a b", "out"},
      {"~#%", "in"},
      {"a\u007f", "out"},
      {"caf\u00e9", "out"}
    };
    for (String[] c : ids) {
      ConsumerRecord<String, byte[]> r = withHeader(golden, CloudEventCodec.ID, c[0]);
      if (c[1].equals("in")) {
        assertThat(GATE.admit(r).id()).as(c[0]).isEqualTo(c[0]);
      } else {
        assertThatThrownBy(() -> GATE.admit(r)).as(c[0]).hasMessageContaining("ce_id");
      }
    }
    String printable = "header ce_source must be 1 to 256 printable ASCII";
    String[][] sources = {
      {"/a b", null},
      {"s".repeat(256), null},
      {"s".repeat(257), printable},
      {"/a\tb", printable},
      {"/\u00e9", printable},
      // printable but blank: refused by the envelope's own rule, as unreadable, not as a crash
      {"  ", "not a valid CloudEvent: source is required"}
    };
    for (String[] c : sources) {
      ConsumerRecord<String, byte[]> r = withHeader(golden, CloudEventCodec.SOURCE, c[0]);
      if (c[1] == null) {
        assertThat(GATE.admit(r).source()).as(c[0]).isEqualTo(c[0]);
      } else {
        assertThatThrownBy(() -> GATE.admit(r))
            .as(c[0])
            .isInstanceOf(UnreadableEventException.class)
            .hasMessageContaining(c[1]);
      }
    }
  }

  private static ConsumerRecord<String, byte[]> withHeader(
      String payload, String name, String value) {
    ConsumerRecord<String, byte[]> r =
        record(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-acme", payload, true);
    r.headers().remove(name);
    r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    return r;
  }

  private static void assertRefused(String payload, String reason) {
    ConsumerRecord<String, byte[]> record =
        record(EventTypes.PARTNER_AGREEMENT_SIGNED, "p-acme", payload, true);
    assertThatThrownBy(() -> GATE.admit(record))
        .as(payload.length() > 200 ? payload.substring(0, 200) : payload)
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining(reason);
  }

  private static ConsumerRecord<String, byte[]> record(
      EventType<?> type, String key, String payload, boolean withExtensions) {
    ProducerRecord<String, byte[]> sent =
        CloudEventCodec.toRecord(
            type.topic().name(),
            "id-1",
            "/elsewhere",
            type.name(),
            OffsetDateTime.parse("2026-01-01T00:00:00Z"),
            key,
            Instant.parse("2026-01-02T00:00:00Z"),
            bytes(payload));
    RecordHeaders headers = new RecordHeaders();
    sent.headers()
        .forEach(
            h -> {
              boolean extension =
                  h.key().equals(CloudEventCodec.RECORDED_AT)
                      || h.key().equals(CloudEventCodec.TIME)
                      || h.key().equals(CloudEventCodec.SUBJECT);
              if (withExtensions || !extension) {
                headers.add(h);
              }
            });
    return new ConsumerRecord<>(
        sent.topic(),
        0,
        0L,
        TIMESTAMP,
        TimestampType.CREATE_TIME,
        -1,
        -1,
        key,
        bytes(payload),
        headers,
        java.util.Optional.empty());
  }

  /** The aggregate the sample is about, as captrack's producers key it. */
  private static String keyOf(String golden) {
    var node = CloudEventCodec.defaultMapper().readTree(golden);
    for (String field : new String[] {"personRef", "partnerId", "requisitionId", "capabilityId"}) {
      if (node.hasNonNull(field)) {
        return node.get(field).asString();
      }
    }
    return "key-1";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String resource(String name) {
    try (InputStream in = EventGateTests.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
