package io.captrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.TalentHired;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** An event kept by its attributes reads back as the same event a record with them gives. */
class CloudEventCodecTests {

  private final CloudEventCodec codec = new CloudEventCodec();

  @Test
  void anEventReadFromItsAttributesEqualsTheOneReadFromARecord() {
    CloudEvent<TalentHired> hired =
        new CloudEvent<>(
            "e-1",
            "/captrack/talent-service",
            EventTypes.TALENT_HIRED,
            OffsetDateTime.parse("2026-03-01T09:30:00+01:00"),
            "p-1",
            Instant.parse("2026-03-02T10:00:00.123456Z"),
            new TalentHired(
                "p-1",
                List.of(new CapabilityLevel("data.ml", 3)),
                LocalDate.of(2026, 3, 1),
                HireType.PERMANENT));
    byte[] data = codec.data(hired.data());
    ProducerRecord<String, byte[]> record =
        CloudEventCodec.toRecord(
            "t",
            hired.id(),
            hired.source(),
            hired.type().name(),
            hired.time(),
            hired.subject(),
            hired.recordedAt(),
            data);

    CloudEvent<?> fromRecord = codec.decode(record.headers(), record.value());
    CloudEvent<?> fromAttributes =
        codec.decode(
            hired.type().name(),
            hired.id(),
            hired.source(),
            hired.time(),
            hired.subject(),
            hired.recordedAt(),
            data);

    assertThat(fromAttributes).isEqualTo(fromRecord).isEqualTo(hired);
  }

  @Test
  void unknownTypesAndInvalidPayloadsAreRefusedWithTheirReason() {
    OffsetDateTime time = OffsetDateTime.parse("2026-03-01T00:00:00Z");
    Instant at = Instant.parse("2026-03-01T00:00:00Z");
    assertThatThrownBy(() -> codec.decode("nope", "e", "/s", time, "x", at, "{}".getBytes()))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("unknown ce_type");
    assertThatThrownBy(
            () ->
                codec.decode(
                    EventTypes.TALENT_HIRED.name(), "e", "/s", time, "x", at, "[1]".getBytes()))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("not a valid");
  }
}
