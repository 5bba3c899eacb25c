package io.captrack.schemas;

import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.partner.PartnerAgreementAmended;
import io.captrack.schemas.partner.PartnerAgreementRenewed;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerAgreementTerminated;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerRegistered;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.talent.TalentHired;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of event types. A breaking change is a new type with a new version suffix. */
public final class EventTypes {

  public static final EventType<PartnerRegistered> PARTNER_REGISTERED =
      new EventType<>(
          "captrack.partner.registered.v1",
          PartnerRegistered.class,
          Topics.PARTNER_EVENTS,
          "partner-registered.v1.json");

  public static final EventType<PartnerAgreementSigned> PARTNER_AGREEMENT_SIGNED =
      new EventType<>(
          "captrack.partner.agreement-signed.v1",
          PartnerAgreementSigned.class,
          Topics.PARTNER_EVENTS,
          "partner-agreement-signed.v1.json");

  public static final EventType<PartnerQualificationChanged> PARTNER_QUALIFICATION_CHANGED =
      new EventType<>(
          "captrack.partner.qualification-changed.v1",
          PartnerQualificationChanged.class,
          Topics.PARTNER_EVENTS,
          "partner-qualification-changed.v1.json");

  public static final EventType<PartnerStatusChanged> PARTNER_STATUS_CHANGED =
      new EventType<>(
          "captrack.partner.status-changed.v1",
          PartnerStatusChanged.class,
          Topics.PARTNER_EVENTS,
          "partner-status-changed.v1.json");

  public static final EventType<PartnerAgreementAmended> PARTNER_AGREEMENT_AMENDED =
      new EventType<>(
          "captrack.partner.agreement-amended.v1",
          PartnerAgreementAmended.class,
          Topics.PARTNER_EVENTS,
          "partner-agreement-amended.v1.json");

  public static final EventType<PartnerAgreementRenewed> PARTNER_AGREEMENT_RENEWED =
      new EventType<>(
          "captrack.partner.agreement-renewed.v1",
          PartnerAgreementRenewed.class,
          Topics.PARTNER_EVENTS,
          "partner-agreement-renewed.v1.json");

  public static final EventType<PartnerAgreementTerminated> PARTNER_AGREEMENT_TERMINATED =
      new EventType<>(
          "captrack.partner.agreement-terminated.v1",
          PartnerAgreementTerminated.class,
          Topics.PARTNER_EVENTS,
          "partner-agreement-terminated.v1.json");

  public static final EventType<TalentHired> TALENT_HIRED =
      new EventType<>(
          "captrack.talent.hired.v1",
          TalentHired.class,
          Topics.TALENT_EVENTS,
          "talent-hired.v1.json");

  public static final EventType<TrainingCompleted> TRAINING_COMPLETED =
      new EventType<>(
          "captrack.learning.training-completed.v1",
          TrainingCompleted.class,
          Topics.LEARNING_EVENTS,
          "training-completed.v1.json");

  public static final EventType<CapabilityCoverageChanged> CAPABILITY_COVERAGE_CHANGED =
      new EventType<>(
          "captrack.capability.coverage-changed.v1",
          CapabilityCoverageChanged.class,
          Topics.CAPABILITY_CHANGES,
          "capability-coverage-changed.v1.json");

  /** Every type of the catalogue. */
  public static final List<EventType<?>> ALL =
      List.of(
          PARTNER_REGISTERED,
          PARTNER_AGREEMENT_SIGNED,
          PARTNER_QUALIFICATION_CHANGED,
          PARTNER_STATUS_CHANGED,
          PARTNER_AGREEMENT_AMENDED,
          PARTNER_AGREEMENT_RENEWED,
          PARTNER_AGREEMENT_TERMINATED,
          TALENT_HIRED,
          TRAINING_COMPLETED,
          CAPABILITY_COVERAGE_CHANGED);

  private static final Map<String, EventType<?>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

  private EventTypes() {}

  /** The type with that CloudEvents type name, if captrack knows it. */
  public static Optional<EventType<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
