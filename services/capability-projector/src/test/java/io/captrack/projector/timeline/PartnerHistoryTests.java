package io.captrack.projector.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.partner.PartnerAgreementAmended;
import io.captrack.schemas.partner.PartnerAgreementRenewed;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerAgreementTerminated;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.partner.QualificationStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartnerHistoryTests {

  private int sequence;

  @Test
  void capacityCountsOnlyWhileActiveQualifiedAndUnderAnAgreement() {
    List<CloudEvent<?>> events = lifecycle();
    PartnerHistory partner = history(events);

    assertThat(fte(partner, "2026-01-20")).isEmpty(); // agreement in force, partner not active yet
    assertThat(fte(partner, "2026-02-01")).contains(250L); // active from Feb 1
    assertThat(fte(partner, "2026-04-01")).contains(400L); // amended capacity from Apr 1
    assertThat(fte(partner, "2026-06-15")).isEmpty(); // on hold
    assertThat(fte(partner, "2026-07-01")).contains(400L); // active again
    assertThat(fte(partner, "2026-12-31")).contains(400L); // renewed past the original end
    assertThat(fte(partner, "2027-03-01")).isEmpty(); // qualification lapsed after 2027-02-28
    assertThat(partner.fteCentiOn("exp.frontend_dev", LocalDate.parse("2026-05-01")))
        .isEmpty(); // not qualified
  }

  @Test
  void aTerminationEndsTheAgreementFromItsDay() {
    List<CloudEvent<?>> events = new ArrayList<>(lifecycle());
    events.add(
        event(
            EventTypes.PARTNER_AGREEMENT_TERMINATED,
            new PartnerAgreementTerminated("a1", "p1", LocalDate.parse("2026-09-01"), "budget")));
    PartnerHistory partner = history(events);

    assertThat(fte(partner, "2026-08-31")).contains(400L);
    assertThat(fte(partner, "2026-09-01")).isEmpty();
  }

  @Test
  void theCalendarDoesNotDependOnArrivalOrderOrDuplicates() {
    List<CloudEvent<?>> events = lifecycle();
    Calendar expected = Calendar.of(history(events), "exp.ux_designer");
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      List<CloudEvent<?>> shuffled = new ArrayList<>(events);
      shuffled.add(events.get(random.nextInt(events.size())));
      Collections.shuffle(shuffled, random);
      assertThat(Calendar.of(history(shuffled), "exp.ux_designer").changes())
          .isEqualTo(expected.changes());
    }
    assertThat(expected.on(LocalDate.parse("2026-04-01")))
        .containsEntry("fte", 400L)
        .containsEntry("fte:p1", 400L);
  }

  @Test
  void aVoidBeforeItsEventWaitsForItAcrossAThawAndCancelsItWhenItArrives() {
    List<CloudEvent<?>> events = lifecycle();
    CloudEvent<?> agreement =
        events.stream()
            .filter(e -> e.type().equals(EventTypes.PARTNER_AGREEMENT_SIGNED))
            .findFirst()
            .orElseThrow();
    PartnerHistory partner = new PartnerHistory("p1");
    partner.add(
        event(
            EventTypes.PLANNING_EVENT_VOIDED,
            new EventVoided(agreement.id(), agreement.type().name(), "wrong partner")));
    assertThat(partner.awaitedByVoid(agreement.id())).isTrue();
    assertThat(partner.awaitedByVoid(events.get(1).id())).isFalse();
    assertThat(partner.waitingVoids()).containsOnlyKeys(agreement.id());

    PartnerHistory thawed = PartnerHistory.thaw(partner.freeze());
    assertThat(thawed.awaitedByVoid(agreement.id())).isTrue();
    assertThat(thawed.waitingVoids()).isEqualTo(partner.waitingVoids());
    events.forEach(thawed::add);
    assertThat(thawed.awaitedByVoid(agreement.id())).isFalse();
    assertThat(thawed.waitingVoids()).isEmpty();
    assertThat(fte(thawed, "2026-04-01")).isEmpty();
  }

  private List<CloudEvent<?>> lifecycle() {
    List<CloudEvent<?>> events = new ArrayList<>();
    events.add(
        event(
            EventTypes.PARTNER_AGREEMENT_SIGNED,
            new PartnerAgreementSigned(
                "a1",
                "p1",
                List.of("exp.ux_designer"),
                new BigDecimal("2.5"),
                null,
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-01"),
                30)));
    events.add(
        event(
            EventTypes.PARTNER_QUALIFICATION_CHANGED,
            new PartnerQualificationChanged(
                "p1",
                "q1",
                List.of("exp.ux_designer"),
                QualificationStatus.QUALIFIED,
                LocalDate.parse("2026-01-10"),
                LocalDate.parse("2027-02-28"))));
    events.add(status(PartnerStatus.ONBOARDING, PartnerStatus.ACTIVE, "2026-02-01"));
    events.add(
        event(
            EventTypes.PARTNER_AGREEMENT_AMENDED,
            new PartnerAgreementAmended(
                "a1",
                "p1",
                1,
                List.of("exp.ux_designer"),
                new BigDecimal("4"),
                null,
                LocalDate.parse("2026-04-01"),
                LocalDate.parse("2026-12-01"),
                30)));
    events.add(status(PartnerStatus.ACTIVE, PartnerStatus.ON_HOLD, "2026-06-01"));
    events.add(status(PartnerStatus.ON_HOLD, PartnerStatus.ACTIVE, "2026-07-01"));
    events.add(
        event(
            EventTypes.PARTNER_AGREEMENT_RENEWED,
            new PartnerAgreementRenewed(
                "a1", "p1", LocalDate.parse("2026-12-01"), LocalDate.parse("2027-12-01"))));
    return events;
  }

  private CloudEvent<PartnerStatusChanged> status(PartnerStatus from, PartnerStatus to, String on) {
    return event(
        EventTypes.PARTNER_STATUS_CHANGED,
        new PartnerStatusChanged("p1", from, to, LocalDate.parse(on), null));
  }

  private static PartnerHistory history(List<CloudEvent<?>> events) {
    PartnerHistory partner = new PartnerHistory("p1");
    events.forEach(partner::add);
    return partner;
  }

  private static Optional<Long> fte(PartnerHistory partner, String day) {
    return partner.fteCentiOn("exp.ux_designer", LocalDate.parse(day));
  }

  private <T> CloudEvent<T> event(EventType<T> type, T data) {
    sequence++;
    return new CloudEvent<>(
        "pe-" + sequence,
        "/test",
        type,
        LocalDate.parse("2026-01-01").atStartOfDay().atOffset(ZoneOffset.UTC),
        "p1",
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(sequence),
        data);
  }
}
