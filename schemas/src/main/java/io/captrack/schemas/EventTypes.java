package io.captrack.schemas;

import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.CapabilityGapClosed;
import io.captrack.schemas.capability.CapabilityGapOpened;
import io.captrack.schemas.capability.CapabilityTargetSet;
import io.captrack.schemas.capability.ExpiryNotice;
import io.captrack.schemas.learning.CredentialIssued;
import io.captrack.schemas.learning.CredentialRenewed;
import io.captrack.schemas.learning.CredentialRevoked;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.learning.TrainingEnrolled;
import io.captrack.schemas.partner.PartnerAgreementAmended;
import io.captrack.schemas.partner.PartnerAgreementRenewed;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerAgreementTerminated;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerRegistered;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.schemas.talent.RequisitionClosed;
import io.captrack.schemas.talent.RequisitionOpened;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.schemas.talent.TalentRedeployed;
import io.captrack.schemas.talent.TalentSeparated;
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

  public static final EventType<TalentRedeployed> TALENT_REDEPLOYED =
      new EventType<>(
          "captrack.talent.redeployed.v1",
          TalentRedeployed.class,
          Topics.TALENT_EVENTS,
          "talent-redeployed.v1.json");

  public static final EventType<TalentSeparated> TALENT_SEPARATED =
      new EventType<>(
          "captrack.talent.separated.v1",
          TalentSeparated.class,
          Topics.TALENT_EVENTS,
          "talent-separated.v1.json");

  public static final EventType<ProficiencyAssessed> PROFICIENCY_ASSESSED =
      new EventType<>(
          "captrack.talent.proficiency-assessed.v1",
          ProficiencyAssessed.class,
          Topics.TALENT_EVENTS,
          "proficiency-assessed.v1.json");

  public static final EventType<RequisitionOpened> REQUISITION_OPENED =
      new EventType<>(
          "captrack.talent.requisition-opened.v1",
          RequisitionOpened.class,
          Topics.TALENT_EVENTS,
          "requisition-opened.v1.json");

  public static final EventType<RequisitionClosed> REQUISITION_CLOSED =
      new EventType<>(
          "captrack.talent.requisition-closed.v1",
          RequisitionClosed.class,
          Topics.TALENT_EVENTS,
          "requisition-closed.v1.json");

  public static final EventType<TrainingEnrolled> TRAINING_ENROLLED =
      new EventType<>(
          "captrack.learning.training-enrolled.v1",
          TrainingEnrolled.class,
          Topics.LEARNING_EVENTS,
          "training-enrolled.v1.json");

  public static final EventType<CredentialIssued> CREDENTIAL_ISSUED =
      new EventType<>(
          "captrack.learning.credential-issued.v1",
          CredentialIssued.class,
          Topics.LEARNING_EVENTS,
          "credential-issued.v1.json");

  public static final EventType<CredentialRenewed> CREDENTIAL_RENEWED =
      new EventType<>(
          "captrack.learning.credential-renewed.v1",
          CredentialRenewed.class,
          Topics.LEARNING_EVENTS,
          "credential-renewed.v1.json");

  public static final EventType<CredentialRevoked> CREDENTIAL_REVOKED =
      new EventType<>(
          "captrack.learning.credential-revoked.v1",
          CredentialRevoked.class,
          Topics.LEARNING_EVENTS,
          "credential-revoked.v1.json");

  public static final EventType<EventVoided> LEARNING_EVENT_VOIDED =
      new EventType<>(
          "captrack.learning.event-voided.v1",
          EventVoided.class,
          Topics.LEARNING_EVENTS,
          "event-voided.v1.json");

  public static final EventType<CapabilityCoverageChanged> CAPABILITY_COVERAGE_CHANGED =
      new EventType<>(
          "captrack.capability.coverage-changed.v1",
          CapabilityCoverageChanged.class,
          Topics.CAPABILITY_CHANGES,
          "capability-coverage-changed.v1.json");

  public static final EventType<CapabilityGapOpened> CAPABILITY_GAP_OPENED =
      new EventType<>(
          "captrack.capability.gap-opened.v1",
          CapabilityGapOpened.class,
          Topics.CAPABILITY_CHANGES,
          "capability-gap-opened.v1.json");

  public static final EventType<CapabilityTargetSet> CAPABILITY_TARGET_SET =
      new EventType<>(
          "captrack.planning.target-set.v1",
          CapabilityTargetSet.class,
          Topics.PLANNING_EVENTS,
          "capability-target-set.v1.json");

  public static final EventType<EventVoided> PLANNING_EVENT_VOIDED =
      new EventType<>(
          "captrack.planning.event-voided.v1",
          EventVoided.class,
          Topics.PLANNING_EVENTS,
          "event-voided.v1.json");

  public static final EventType<CapabilityGapClosed> CAPABILITY_GAP_CLOSED =
      new EventType<>(
          "captrack.capability.gap-closed.v1",
          CapabilityGapClosed.class,
          Topics.CAPABILITY_CHANGES,
          "capability-gap-closed.v1.json");

  public static final EventType<ExpiryNotice> EXPIRY_NOTICE =
      new EventType<>(
          "captrack.capability.expiry-notice.v1",
          ExpiryNotice.class,
          Topics.CAPABILITY_CHANGES,
          "expiry-notice.v1.json");

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
          TALENT_REDEPLOYED,
          TALENT_SEPARATED,
          PROFICIENCY_ASSESSED,
          REQUISITION_OPENED,
          REQUISITION_CLOSED,
          TRAINING_ENROLLED,
          CREDENTIAL_ISSUED,
          CREDENTIAL_RENEWED,
          CREDENTIAL_REVOKED,
          LEARNING_EVENT_VOIDED,
          CAPABILITY_TARGET_SET,
          PLANNING_EVENT_VOIDED,
          CAPABILITY_COVERAGE_CHANGED,
          CAPABILITY_GAP_OPENED,
          CAPABILITY_GAP_CLOSED,
          EXPIRY_NOTICE);

  private static final Map<String, EventType<?>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

  private EventTypes() {}

  /** The type with that CloudEvents type name, if captrack knows it. */
  public static Optional<EventType<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
