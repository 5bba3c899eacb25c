package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.TalentHired;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionBatchTests {

  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  @Test
  void hireTrainingAndAgreementMoveTheFiguresAndEachChangeIsAnEvent() {
    ProjectionBatch batch = new ProjectionBatch(Map.of(), Map.of(), "/test", TODAY);

    batch.apply(input("talent_events-0", 0, EventTypes.TALENT_HIRED, hire("p1", "data.ml", 4)));
    batch.apply(
        input("learning_events-1", 0, EventTypes.TRAINING_COMPLETED, training("p2", "data.ml", 3)));
    batch.apply(
        input("learning_events-1", 1, EventTypes.TRAINING_COMPLETED, training("p1", "data.ml", 2)));
    batch.apply(
        input(
            "partner_events-2",
            0,
            EventTypes.PARTNER_AGREEMENT_SIGNED,
            agreement("a1", "data.ml", "2.5")));

    CapabilityState ml = batch.dirtyCapabilities().iterator().next();
    assertThat(ml.current().holders()).isEqualTo(2);
    assertThat(ml.current().byLevel()).isEqualTo(Map.of("4", 1, "3", 1));
    assertThat(ml.current().byChannel()).isEqualTo(Map.of("BUY", 1, "BUILD", 1));
    assertThat(ml.current().partnerFteCenti()).isEqualTo(250);
    assertThat(ml.changes()).hasSize(3);
    CapabilityCoverageChanged last = (CapabilityCoverageChanged) ml.changes().get(2).data();
    assertThat(last.before().partnerFte()).isEqualByComparingTo("0");
    assertThat(last.after().partnerFte()).isEqualByComparingTo("2.5");
    assertThat(last.cause().eventType()).isEqualTo(EventTypes.PARTNER_AGREEMENT_SIGNED.name());
    assertThat(batch.dirtyHoldings()).hasSize(2);
  }

  @Test
  void redeliveredRecordsChangeNothing() {
    ProjectionBatch first = new ProjectionBatch(Map.of(), Map.of(), "/test", TODAY);
    var hired =
        input("talent_events-0", 7, EventTypes.TALENT_HIRED, hire("p1", "exp.ux_designer", 3));
    first.apply(hired);
    CapabilityState after = first.dirtyCapabilities().iterator().next();
    Holding holding = first.dirtyHoldings().get(0);

    CapabilityState reloaded =
        new CapabilityState(
            after.capabilityId(), after.current().copy(), after.touchedPositions(), Map.of());
    ProjectionBatch again =
        new ProjectionBatch(
            Map.of(after.capabilityId(), reloaded), Map.of(holding.id(), holding), "/test", TODAY);
    again.apply(hired);

    assertThat(again.dirtyCapabilities()).isEmpty();
    assertThat(again.dirtyHoldings()).isEmpty();
  }

  @Test
  void aCrashBetweenCoverageAndHoldingsIsHealedByRedelivery() {
    var hired = input("talent_events-0", 3, EventTypes.TALENT_HIRED, hire("p9", "build.devops", 5));
    ProjectionBatch first = new ProjectionBatch(Map.of(), Map.of(), "/test", TODAY);
    first.apply(hired);
    CapabilityState written = first.dirtyCapabilities().iterator().next();

    // coverage was written, holdings were not: redelivery must fix holdings and leave coverage
    CapabilityState reloaded =
        new CapabilityState(
            written.capabilityId(), written.current().copy(), written.touchedPositions(), Map.of());
    ProjectionBatch again =
        new ProjectionBatch(Map.of(written.capabilityId(), reloaded), Map.of(), "/test", TODAY);
    again.apply(hired);

    assertThat(again.dirtyCapabilities()).isEmpty();
    assertThat(again.dirtyHoldings())
        .singleElement()
        .satisfies(h -> assertThat(h.contribution()).isPresent());
  }

  @Test
  void agreementOutOfForceLendsNoCapacity() {
    ProjectionBatch batch = new ProjectionBatch(Map.of(), Map.of(), "/test", TODAY);
    PartnerAgreementSigned ended =
        new PartnerAgreementSigned(
            "a-old",
            "p",
            List.of("data.ml"),
            new BigDecimal("3"),
            null,
            LocalDate.of(2025, 1, 1),
            LocalDate.of(2026, 1, 1),
            0);
    batch.apply(input("partner_events-0", 0, EventTypes.PARTNER_AGREEMENT_SIGNED, ended));

    CapabilityState ml = batch.dirtyCapabilities().iterator().next();
    assertThat(ml.current().partnerFteCenti()).isZero();
    assertThat(ml.changes()).isEmpty();
  }

  static TalentHired hire(String personRef, String capability, int level) {
    return new TalentHired(
        personRef,
        List.of(new CapabilityLevel(capability, level)),
        LocalDate.of(2026, 1, 5),
        HireType.PERMANENT);
  }

  static TrainingCompleted training(String personRef, String capability, int level) {
    return new TrainingCompleted(
        "e-" + personRef + level,
        personRef,
        "c1",
        capability,
        true,
        null,
        level,
        LocalDate.of(2026, 2, 1));
  }

  static PartnerAgreementSigned agreement(String id, String capability, String fte) {
    return new PartnerAgreementSigned(
        id,
        "p-1",
        List.of(capability),
        new BigDecimal(fte),
        null,
        LocalDate.of(2026, 1, 1),
        null,
        30);
  }

  static <T> ProjectionBatch.Input input(String partition, long offset, EventType<T> type, T data) {
    return new ProjectionBatch.Input(
        partition,
        offset,
        CloudEvent.of(type, "/test", OffsetDateTime.parse("2026-01-01T00:00:00Z"), "k", data));
  }
}
