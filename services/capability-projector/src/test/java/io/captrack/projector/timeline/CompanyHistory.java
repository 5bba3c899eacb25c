package io.captrack.projector.timeline;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.learning.CredentialIssued;
import io.captrack.schemas.learning.CredentialRenewed;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.learning.TrainingEnrolled;
import io.captrack.schemas.partner.Money;
import io.captrack.schemas.partner.PartnerAgreementAmended;
import io.captrack.schemas.partner.PartnerAgreementRenewed;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerAgreementTerminated;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerRegistered;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.partner.QualificationStatus;
import io.captrack.schemas.talent.AssessmentMethod;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.schemas.talent.SeparationReason;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.schemas.talent.TalentSeparated;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * A company's history as its services would have recorded it: people hired (most at the start),
 * assessed every year, trained, certified (credentials renewed), some leaving and some of those
 * coming back; partners qualified, activated, under yearly agreements that are amended, renewed and
 * terminated. Each event is recorded some days after it takes effect ({@code lag}); learning events
 * are keyed by the learner, as learning-service keys them.
 */
public final class CompanyHistory {

  private static final AssessmentMethod[] METHODS = {
    AssessmentMethod.MANAGER,
    AssessmentMethod.PEER,
    AssessmentMethod.SELF,
    AssessmentMethod.ASSESSMENT
  };

  private final Random random;
  private final List<String> capabilities;
  private final String prefix;
  private final LocalDate from;
  private final LocalDate to;
  private final IntSupplier lag;
  private int sequence;

  /**
   * @param lag days between an event taking effect and its recording, drawn per event
   */
  public CompanyHistory(
      long seed,
      List<String> capabilities,
      String prefix,
      LocalDate from,
      LocalDate to,
      IntSupplier lag) {
    this.random = new Random(seed);
    this.capabilities = List.copyOf(capabilities);
    this.prefix = prefix;
    this.from = from;
    this.to = to;
    this.lag = lag;
  }

  /** Days between the history's start and its end. */
  private int span() {
    return (int) ChronoUnit.DAYS.between(from, to);
  }

  /** One person's career. */
  public List<CloudEvent<?>> person(String personRef) {
    List<CloudEvent<?>> events = new ArrayList<>();
    LocalDate hired =
        random.nextInt(2) == 0
            ? from.plusDays(random.nextInt(60))
            : from.plusDays(random.nextInt(span()));
    List<String> own = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(3); i++) {
      own.add(capability());
    }
    hire(events, personRef, hired, own);
    LocalDate day = hired;
    while (day.isBefore(to)) {
      LocalDate next = day.plusDays(300 + random.nextInt(130));
      String capability =
          random.nextInt(4) == 0 ? capability() : own.get(random.nextInt(own.size()));
      LocalDate assessed = day.plusDays(random.nextInt(300));
      events.add(
          event(
              EventTypes.PROFICIENCY_ASSESSED,
              assessed,
              personRef,
              null,
              new ProficiencyAssessed(
                  personRef,
                  prefix + "as-" + sequence,
                  capability,
                  METHODS[random.nextInt(METHODS.length)],
                  1 + random.nextInt(6),
                  "3",
                  "canonical",
                  assessed)));
      training(events, personRef, day.plusDays(random.nextInt(200)), capability);
      if (random.nextInt(3) == 0) {
        credential(events, personRef, day.plusDays(random.nextInt(300)), capability);
      }
      if (random.nextInt(12) == 0) {
        LocalDate left = day.plusDays(random.nextInt(300));
        events.add(
            event(
                EventTypes.TALENT_SEPARATED,
                left,
                personRef,
                null,
                new TalentSeparated(personRef, left, SeparationReason.VOLUNTARY)));
        if (random.nextInt(3) > 0) {
          break;
        }
        next = left.plusDays(100 + random.nextInt(300));
        hire(events, personRef, next, own);
      }
      day = next;
    }
    events.removeIf(e -> e.time().toLocalDate().isAfter(to));
    return events;
  }

  private void hire(List<CloudEvent<?>> events, String personRef, LocalDate day, List<String> own) {
    events.add(
        event(
            EventTypes.TALENT_HIRED,
            day,
            personRef,
            null,
            new TalentHired(
                personRef,
                own.stream().map(c -> new CapabilityLevel(c, 1 + random.nextInt(5))).toList(),
                day,
                HireType.PERMANENT)));
  }

  private void training(
      List<CloudEvent<?>> events, String personRef, LocalDate enrolled, String capability) {
    String enrolment = prefix + "en-" + sequence;
    int level = 1 + random.nextInt(5);
    events.add(
        event(
            EventTypes.TRAINING_ENROLLED,
            enrolled,
            personRef,
            personRef,
            new TrainingEnrolled(
                enrolment, personRef, "course-" + capability, capability, level, enrolled, null)));
    LocalDate completed = enrolled.plusDays(10 + random.nextInt(170));
    boolean success = random.nextInt(5) > 0;
    events.add(
        event(
            EventTypes.TRAINING_COMPLETED,
            completed,
            personRef,
            personRef,
            new TrainingCompleted(
                enrolment,
                personRef,
                "course-" + capability,
                capability,
                success,
                null,
                success ? level : null,
                completed)));
  }

  private void credential(
      List<CloudEvent<?>> events, String personRef, LocalDate issued, String capability) {
    String credential = prefix + "cr-" + sequence;
    LocalDate until = issued.plusYears(2);
    events.add(
        event(
            EventTypes.CREDENTIAL_ISSUED,
            issued,
            personRef,
            personRef,
            new CredentialIssued(
                credential,
                personRef,
                capability,
                2 + random.nextInt(4),
                "Cert",
                null,
                issued,
                until)));
    if (random.nextBoolean()) {
      events.add(
          event(
              EventTypes.CREDENTIAL_RENEWED,
              until.minusDays(20),
              personRef,
              personRef,
              new CredentialRenewed(
                  credential, personRef, until.minusDays(20), until, until.plusYears(2))));
    }
  }

  /**
   * One partner's life: registered (most in the first three years), qualified, activated, then each
   * year three agreements (some amended, renewed or terminated), a new qualification round every
   * three years and now and then a spell on hold.
   */
  public List<CloudEvent<?>> partner(String partnerId) {
    List<CloudEvent<?>> events = new ArrayList<>();
    LocalDate registered =
        from.plusDays(random.nextInt(4) > 0 ? random.nextInt(3 * 365) : random.nextInt(span()));
    String first = capability();
    String second = capability();
    List<String> scope = first.equals(second) ? List.of(first) : List.of(first, second);
    events.add(
        event(
            EventTypes.PARTNER_REGISTERED,
            registered,
            partnerId,
            null,
            new PartnerRegistered(partnerId, "Partner " + partnerId, "erp-" + partnerId, null)));
    LocalDate decided = registered.plusDays(20 + random.nextInt(60));
    boolean qualified = random.nextInt(5) > 0;
    round(events, partnerId, scope, registered, decided, qualified);
    if (!qualified) {
      return events;
    }
    events.add(status(partnerId, PartnerStatus.ONBOARDING, PartnerStatus.ACTIVE, decided));
    LocalDate start = decided.plusDays(random.nextInt(30));
    int year = 0;
    while (start.isBefore(to)) {
      for (int k = 0; k < 3; k++) {
        agreement(
            events, partnerId, "a-" + year + "-" + k, scope, start.plusDays(random.nextInt(60)));
      }
      if (year % 3 == 2) {
        LocalDate again = start.plusDays(random.nextInt(60));
        round(events, partnerId, scope, again, again.plusDays(10 + random.nextInt(20)), true);
      }
      if (random.nextInt(6) == 0) {
        LocalDate held = start.plusDays(random.nextInt(300));
        events.add(status(partnerId, PartnerStatus.ACTIVE, PartnerStatus.ON_HOLD, held));
        events.add(
            status(
                partnerId,
                PartnerStatus.ON_HOLD,
                PartnerStatus.ACTIVE,
                held.plusDays(20 + random.nextInt(40))));
      }
      start = start.plusYears(1);
      year++;
    }
    events.removeIf(e -> e.time().toLocalDate().isAfter(to));
    return events;
  }

  private void round(
      List<CloudEvent<?>> events,
      String partnerId,
      List<String> scope,
      LocalDate opened,
      LocalDate decided,
      boolean qualified) {
    String round = "q-" + sequence;
    events.add(
        qualification(partnerId, round, scope, QualificationStatus.IN_PROGRESS, opened, null));
    events.add(
        qualification(
            partnerId,
            round,
            scope,
            qualified ? QualificationStatus.QUALIFIED : QualificationStatus.REJECTED,
            decided,
            qualified ? decided.plusYears(3).plusMonths(2) : null));
  }

  private CloudEvent<PartnerStatusChanged> status(
      String partnerId, PartnerStatus from, PartnerStatus to, LocalDate day) {
    return event(
        EventTypes.PARTNER_STATUS_CHANGED,
        day,
        partnerId,
        null,
        new PartnerStatusChanged(partnerId, from, to, day, null));
  }

  private void agreement(
      List<CloudEvent<?>> events,
      String partnerId,
      String agreement,
      List<String> scope,
      LocalDate start) {
    LocalDate end = start.plusYears(1);
    BigDecimal fte = BigDecimal.valueOf(50 + random.nextInt(300), 2);
    Money value = new Money(BigDecimal.valueOf(100000), "EUR");
    events.add(
        event(
            EventTypes.PARTNER_AGREEMENT_SIGNED,
            start,
            partnerId,
            null,
            new PartnerAgreementSigned(agreement, partnerId, scope, fte, value, start, end, 30)));
    if (random.nextInt(3) == 0) {
      LocalDate amended = start.plusDays(random.nextInt(200));
      events.add(
          event(
              EventTypes.PARTNER_AGREEMENT_AMENDED,
              amended,
              partnerId,
              null,
              new PartnerAgreementAmended(
                  agreement,
                  partnerId,
                  1,
                  scope,
                  fte.add(BigDecimal.ONE),
                  value,
                  amended,
                  end,
                  30)));
    }
    if (random.nextInt(4) == 0) {
      LocalDate cut = start.plusDays(100 + random.nextInt(200));
      events.add(
          event(
              EventTypes.PARTNER_AGREEMENT_TERMINATED,
              cut,
              partnerId,
              null,
              new PartnerAgreementTerminated(agreement, partnerId, cut, "scope ended")));
    } else if (random.nextBoolean()) {
      events.add(
          event(
              EventTypes.PARTNER_AGREEMENT_RENEWED,
              end.minusDays(30),
              partnerId,
              null,
              new PartnerAgreementRenewed(agreement, partnerId, end, end.plusMonths(6))));
    }
  }

  private CloudEvent<PartnerQualificationChanged> qualification(
      String partnerId,
      String round,
      List<String> scope,
      QualificationStatus status,
      LocalDate validFrom,
      LocalDate validUntil) {
    return event(
        EventTypes.PARTNER_QUALIFICATION_CHANGED,
        validFrom,
        partnerId,
        null,
        new PartnerQualificationChanged(partnerId, round, scope, status, validFrom, validUntil));
  }

  private String capability() {
    return capabilities.get(random.nextInt(capabilities.size()));
  }

  private <T> CloudEvent<T> event(
      EventType<T> type, LocalDate day, String subject, String partitionKey, T data) {
    sequence++;
    return new CloudEvent<>(
        prefix + sequence,
        "/test",
        type,
        day.atStartOfDay().atOffset(ZoneOffset.UTC),
        subject,
        day.plusDays(lag.getAsInt())
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC)
            .plusMillis(random.nextInt(86_400_000)),
        data,
        partitionKey);
  }
}
