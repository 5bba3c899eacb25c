package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.CapabilityGapOpened;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.partner.QualificationStatus;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.SeparationReason;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.schemas.talent.TalentSeparated;
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
    ProjectionBatch batch = batch(Map.of(), Map.of());

    batch.apply(input("talent_events-0", 0, EventTypes.TALENT_HIRED, hire("p1", "data.ml", 4)));
    batch.apply(
        input("learning_events-1", 0, EventTypes.TRAINING_COMPLETED, training("p2", "data.ml", 3)));
    batch.apply(
        input("learning_events-1", 1, EventTypes.TRAINING_COMPLETED, training("p1", "data.ml", 2)));
    batch.apply(
        input(
            "partner_events-2",
            0,
            EventTypes.PARTNER_QUALIFICATION_CHANGED,
            new PartnerQualificationChanged(
                "p-1",
                "q-1",
                List.of("data.ml"),
                QualificationStatus.QUALIFIED,
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2027, 1, 1))));
    batch.apply(
        input(
            "partner_events-2",
            1,
            EventTypes.PARTNER_STATUS_CHANGED,
            new PartnerStatusChanged(
                "p-1",
                PartnerStatus.ONBOARDING,
                PartnerStatus.ACTIVE,
                LocalDate.of(2026, 1, 1),
                null)));
    batch.apply(
        input(
            "partner_events-2",
            2,
            EventTypes.PARTNER_AGREEMENT_SIGNED,
            agreement("a1", "data.ml", "2.5")));

    CapabilityState ml = batch.dirtyCapabilities().iterator().next();
    var figures = ml.figuresOn(TODAY);
    assertThat(figures.holders()).isEqualTo(2);
    assertThat(figures.holdersByLevel()).isEqualTo(Map.of("4", 1, "3", 1));
    assertThat(figures.holdersByChannel()).isEqualTo(Map.of("BUY", 1, "BUILD", 1));
    assertThat(figures.partnerFte()).isEqualByComparingTo("2.5");
    assertThat(ml.figuresOn(LocalDate.of(2026, 1, 31)).holders()).isZero();
    batch.finish();
    // one change per capability per batch: before the batch, after it, and what moved it
    assertThat(ml.changes()).hasSize(1);
    CapabilityCoverageChanged changed = (CapabilityCoverageChanged) ml.changes().get(0).data();
    assertThat(changed.before().holders()).isZero();
    assertThat(changed.before().partnerFte()).isEqualByComparingTo("0");
    assertThat(changed.after().holders()).isEqualTo(2);
    assertThat(changed.after().partnerFte()).isEqualByComparingTo("2.5");
    // every event that changed the capability's calendar, the partner's onboarding steps included
    assertThat(changed.causeCount()).isEqualTo(changed.causes().size());
    assertThat(changed.causes())
        .extracting(c -> c.eventType())
        .containsSubsequence(
            EventTypes.TALENT_HIRED.name(),
            EventTypes.TRAINING_COMPLETED.name(),
            EventTypes.PARTNER_AGREEMENT_SIGNED.name());
    assertThat(changed.cause()).isEqualTo(changed.causes().get(0));
    assertThat(batch.dirtyPeople()).hasSize(2);
  }

  @Test
  void aLeaverHoldsNothingFromTheLeavingDayAndAVoidCancelsItsEvent() {
    ProjectionBatch batch = batch(Map.of(), Map.of());
    var hired = input("talent_events-0", 0, EventTypes.TALENT_HIRED, hire("p1", "build.devops", 3));
    batch.apply(hired);
    batch.apply(
        input(
            "talent_events-0",
            1,
            EventTypes.TALENT_SEPARATED,
            new TalentSeparated("p1", LocalDate.of(2026, 4, 1), SeparationReason.VOLUNTARY)));
    CapabilityState devops = batch.dirtyCapabilities().iterator().next();
    assertThat(devops.figuresOn(LocalDate.of(2026, 3, 31)).holders()).isEqualTo(1);
    assertThat(devops.figuresOn(LocalDate.of(2026, 4, 1)).holders()).isZero();

    batch.apply(
        voidKeyedBy(
            "p1",
            2,
            new EventVoided(hired.event().id(), EventTypes.TALENT_HIRED.name(), "never hired")));
    assertThat(devops.figuresOn(LocalDate.of(2026, 3, 31)).holders()).isZero();
  }

  @Test
  void aVoidJoinsThePersonItIsKeyedByAndCancelsOnlyWhatThatPersonHas() {
    ProjectionBatch batch = batch(Map.of(), Map.of());
    var hired = input("talent_events-0", 0, EventTypes.TALENT_HIRED, hire("p1", "build.devops", 3));
    batch.apply(hired);
    CapabilityState devops = batch.dirtyCapabilities().iterator().next();
    EventVoided cancel =
        new EventVoided(hired.event().id(), EventTypes.TALENT_HIRED.name(), "never hired");

    // keyed by someone else, as no captrack producer keys it: it waits with that person
    var misrouted = voidKeyedBy("p2", 1, cancel);
    batch.apply(misrouted);
    assertThat(devops.figuresOn(LocalDate.of(2026, 3, 1)).holders()).isEqualTo(1);
    assertThat(batch.dirtyPeople()).containsKey("p2");
    assertThat(batch.dirtyPeople().get("p2").capabilities()).isEmpty();

    assertThat(batch.voids().waiting())
        .containsExactly(
            new VoidNotes.Wait(misrouted.event().id(), "people:p2", hired.event().id()));
    // what p2's document will list, and the one owner whose list the batch rewrites
    assertThat(batch.dirtyPeople().get("p2").waitingVoids())
        .containsExactly(entry(hired.event().id(), misrouted.event().id()));
    assertThat(batch.voids().changedOwners()).containsExactly("people:p2");

    // keyed by the person whose event it names: applied, and waits for nothing
    batch.apply(voidKeyedBy("p1", 2, cancel));
    assertThat(devops.figuresOn(LocalDate.of(2026, 3, 1)).holders()).isZero();
    assertThat(batch.voids().waiting()).hasSize(1);
    assertThat(batch.voids().met()).isEmpty();
  }

  @Test
  void aVoidThatComesBeforeItsEventWaitsInItsHistoryAndMeetsTheEventInALaterBatch() {
    var hired = input("talent_events-0", 0, EventTypes.TALENT_HIRED, hire("p1", "build.devops", 3));
    EventVoided cancel =
        new EventVoided(hired.event().id(), EventTypes.TALENT_HIRED.name(), "never hired");
    ProjectionBatch first = batch(Map.of(), Map.of());
    var early = voidKeyedBy("p1", 1, cancel);
    first.apply(early);
    assertThat(first.voids().waiting())
        .containsExactly(new VoidNotes.Wait(early.event().id(), "people:p1", hired.event().id()));
    assertThat(first.voids().met()).isEmpty();

    // the next batch thaws the person as the projector kept it: the void still waits, then meets
    PersonHistory kept = PersonHistory.thaw(first.dirtyPeople().get("p1").freeze());
    assertThat(kept.awaitedByVoid(hired.event().id())).isTrue();
    assertThat(kept.waitingVoids()).containsExactly(entry(hired.event().id(), early.event().id()));
    ProjectionBatch second = batch(Map.of(), Map.of("p1", kept));
    second.apply(hired);
    assertThat(second.voids().met())
        .extracting(VoidNotes.Wait::eventId, VoidNotes.Wait::owner)
        .containsExactly(tuple(hired.event().id(), "people:p1"));
    assertThat(second.voids().waiting()).isEmpty();
    assertThat(kept.awaitedByVoid(hired.event().id())).isFalse();
    // p1's document drops its list: the batch changed which of its voids wait, and none does
    assertThat(kept.waitingVoids()).isEmpty();
    assertThat(second.voids().changedOwners()).containsExactly("people:p1");
    // the void applied: the hire counts for nothing
    assertThat(kept.holdings("build.devops")).isEmpty();

    // the hire again (redelivered) meets nothing twice
    second.apply(hired);
    assertThat(second.voids().met()).hasSize(1);
  }

  /** A void on learning.events keyed by a person, as learning-service keys it. */
  private static ProjectionBatch.Input voidKeyedBy(String personRef, long offset, EventVoided v) {
    CloudEvent<EventVoided> e =
        CloudEvent.of(
                EventTypes.LEARNING_EVENT_VOIDED,
                "/test",
                OffsetDateTime.parse("2026-01-01T00:00:00Z"),
                "void-" + offset,
                v)
            .withPartitionKey(personRef);
    return new ProjectionBatch.Input(0, "learning_events-0", offset, e);
  }

  @Test
  void reachingTheTargetClosesTheGapAndLosingItOpensIt() {
    CapabilityState devops =
        new CapabilityState(
            "build.devops",
            StoredCoverage.of(new Calendar()),
            Map.of(),
            new CapabilityState.Target(3, 1, 0));
    ProjectionBatch hiring = batch(Map.of("build.devops", devops), Map.of());
    hiring.apply(
        input("talent_events-0", 0, EventTypes.TALENT_HIRED, hire("p1", "build.devops", 2)));
    hiring.apply(
        input("talent_events-0", 1, EventTypes.TALENT_HIRED, hire("p2", "build.devops", 4)));
    hiring.finish();

    assertThat(devops.changes())
        .extracting(e -> e.type().name())
        .containsExactly(
            EventTypes.CAPABILITY_COVERAGE_CHANGED.name(), EventTypes.CAPABILITY_GAP_CLOSED.name());

    // the next batch: the holder at target leaves
    CapabilityState written =
        new CapabilityState(
            "build.devops",
            StoredCoverage.of(devops.added().copy()),
            devops.touchedPositions(),
            new CapabilityState.Target(3, 1, 0));
    ProjectionBatch leaving =
        batch(Map.of("build.devops", written), Map.of("p2", hiring.dirtyPeople().get("p2")));
    leaving.apply(
        input(
            "talent_events-0",
            2,
            EventTypes.TALENT_SEPARATED,
            new TalentSeparated("p2", LocalDate.of(2026, 5, 1), SeparationReason.VOLUNTARY)));
    leaving.finish();

    assertThat(written.changes())
        .extracting(e -> e.type().name())
        .containsExactly(
            EventTypes.CAPABILITY_COVERAGE_CHANGED.name(), EventTypes.CAPABILITY_GAP_OPENED.name());
    CapabilityGapOpened opened = (CapabilityGapOpened) written.changes().get(1).data();
    assertThat(opened.gap().headcountGap()).isEqualTo(1);
    assertThat(opened.gap().holdersAtTarget()).isZero();
  }

  @Test
  void redeliveredRecordsChangeNothing() {
    var hired =
        input("talent_events-0", 7, EventTypes.TALENT_HIRED, hire("p1", "exp.ux_designer", 3));
    ProjectionBatch first = batch(Map.of(), Map.of());
    first.apply(hired);
    CapabilityState written = first.dirtyCapabilities().iterator().next();
    PersonHistory person = first.dirtyPeople().get("p1");

    ProjectionBatch again =
        batch(Map.of(written.capabilityId(), reloaded(written)), Map.of("p1", person));
    again.apply(hired);

    assertThat(again.dirtyCapabilities()).isEmpty();
    assertThat(again.dirtyPeople()).isEmpty();
  }

  @Test
  void eachOwnersDeltasSumToWhatTheBatchAddsToCoverage() {
    ProjectionBatch batch = batch(Map.of(), Map.of());
    batch.apply(
        input("talent_events-0", 3, EventTypes.TALENT_HIRED, hire("p9", "build.devops", 5)));
    batch.apply(
        input("talent_events-0", 4, EventTypes.TALENT_HIRED, hire("p8", "build.devops", 2)));
    batch.apply(input("talent_events-0", 5, EventTypes.TALENT_HIRED, hire("p9", "data.ml", 3)));

    // what a completing consumer sums from the owner documents equals what the batch writes
    Map<String, Calendar> sums = new java.util.TreeMap<>();
    batch
        .ownerDeltas()
        .values()
        .forEach(
            byCapability ->
                byCapability.forEach(
                    (c, delta) -> sums.computeIfAbsent(c, x -> new Calendar()).plus(delta)));
    assertThat(batch.ownerDeltas()).containsOnlyKeys("people:p9", "people:p8");
    for (CapabilityState c : batch.dirtyCapabilities()) {
      assertThat(sums.get(c.capabilityId()).changes())
          .as(c.capabilityId())
          .isEqualTo(c.added().changes());
    }
    assertThat(sums).containsOnlyKeys("build.devops", "data.ml");
  }

  @Test
  void anAgreementWithAPartnerNotYetActiveLendsNoCapacity() {
    ProjectionBatch batch = batch(Map.of(), Map.of());
    batch.apply(
        input(
            "partner_events-0",
            0,
            EventTypes.PARTNER_AGREEMENT_SIGNED,
            agreement("a9", "data.ml", "5")));

    assertThat(batch.dirtyCapabilities()).isEmpty();
    assertThat(batch.dirtyPartners()).containsKey("k");
  }

  @Test
  void agreementOutOfForceLendsNoCapacity() {
    ProjectionBatch batch = batch(Map.of(), Map.of());
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

    assertThat(batch.dirtyCapabilities()).isEmpty();
  }

  private static CapabilityState reloaded(CapabilityState written) {
    return new CapabilityState(
        written.capabilityId(),
        StoredCoverage.of(written.added().copy()),
        written.touchedPositions(),
        null);
  }

  private static ProjectionBatch batch(
      Map<String, CapabilityState> capabilities, Map<String, PersonHistory> people) {
    return new ProjectionBatch(
        capabilities, people, Map.of(), Map.of(), Map.of(), "/test", TODAY, true);
  }

  static TalentHired hire(String personRef, String capability, int level) {
    return new TalentHired(
        personRef,
        List.of(new CapabilityLevel(capability, level)),
        LocalDate.of(2026, 2, 1),
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
        LocalDate.of(2026, 3, 1));
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
        0,
        partition,
        offset,
        CloudEvent.of(type, "/test", OffsetDateTime.parse("2026-01-01T00:00:00Z"), "k", data));
  }
}
