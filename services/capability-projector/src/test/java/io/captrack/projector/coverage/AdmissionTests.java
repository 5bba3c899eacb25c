package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventGate;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.UnreadableEventException;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.TalentHired;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class AdmissionTests {

  private static final EventGate GATE = new EventGate(Set.of("exp.ux_designer")::contains);
  private static final CloudEventCodec CODEC = new CloudEventCodec();

  @Test
  void aLargeBatchIsJudgedInItsOrderAsTheGateJudgesEachRecord() {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < Admission.SPLIT * 3 + 1; i++) {
      records.add(record(i));
    }

    List<Admission.Judged> judged = Admission.judge(GATE, records);

    assertThat(judged).hasSize(records.size());
    int refused = 0;
    for (int i = 0; i < records.size(); i++) {
      Admission.Judged j = judged.get(i);
      assertThat(j.record()).isSameAs(records.get(i));
      Optional<String> alone = refusal(records.get(i));
      if (alone.isPresent()) {
        refused++;
        assertThat(j.event()).isNull();
        assertThat(j.refused()).isEqualTo(alone.get());
      } else {
        assertThat(j.refused()).isNull();
        assertThat(j.event().id()).isEqualTo(GATE.admit(records.get(i)).id());
      }
    }
    // both halves hold refused records: every fifth is bad
    assertThat(refused).isEqualTo((records.size() + 4) / 5);
  }

  @Test
  void aSmallBatchIsJudgedTheSameWay() {
    List<ConsumerRecord<String, byte[]>> records = List.of(record(0), record(1), record(2));

    List<Admission.Judged> judged = Admission.judge(GATE, records);

    assertThat(judged).extracting(Admission.Judged::record).containsExactlyElementsOf(records);
    assertThat(judged.get(0).refused()).contains("unknown capability");
    assertThat(judged.get(1).event()).isNotNull();
  }

  /** Every fifth record names a capability the taxonomy does not have; the rest are hires. */
  private static ConsumerRecord<String, byte[]> record(int i) {
    String capability = i % 5 == 0 ? "exp.nope" : "exp.ux_designer";
    CloudEvent<TalentHired> hire =
        CloudEvent.of(
            EventTypes.TALENT_HIRED,
            "/test",
            OffsetDateTime.parse("2026-01-05T09:00:00Z"),
            ref(i),
            new TalentHired(
                ref(i),
                List.of(new CapabilityLevel(capability, 1 + i % 5)),
                LocalDate.of(2026, 1, 5),
                HireType.PERMANENT));
    ProducerRecord<String, byte[]> sent = CODEC.toRecord(hire);
    return new ConsumerRecord<>(
        sent.topic(),
        i % 3,
        i,
        0L,
        TimestampType.CREATE_TIME,
        0,
        sent.value().length,
        sent.key(),
        sent.value(),
        sent.headers(),
        Optional.empty());
  }

  /** A person's reference: a 64-digit hexadecimal hash, as producers send it. */
  private static String ref(int i) {
    return String.format("%064x", i);
  }

  private static Optional<String> refusal(ConsumerRecord<String, byte[]> record) {
    try {
      GATE.admit(record);
      return Optional.empty();
    } catch (UnreadableEventException e) {
      return Optional.of(e.getMessage());
    }
  }
}
