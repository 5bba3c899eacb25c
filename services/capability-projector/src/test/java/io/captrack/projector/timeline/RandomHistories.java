package io.captrack.projector.timeline;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.learning.CredentialIssued;
import io.captrack.schemas.learning.CredentialRenewed;
import io.captrack.schemas.learning.CredentialRevoked;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.learning.TrainingEnrolled;
import io.captrack.schemas.talent.AssessmentMethod;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.schemas.talent.SeparationReason;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.schemas.talent.TalentRedeployed;
import io.captrack.schemas.talent.TalentSeparated;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Random person histories for property tests: late, back-dated, voided, expiring, duplicated. */
public final class RandomHistories {

  public static final List<String> CAPABILITIES =
      List.of("data.ml", "data.analyst", "build.devops");
  public static final LocalDate START = LocalDate.of(2026, 1, 1);

  private final Random random;
  private final List<String> capabilities;
  private final String prefix;
  private int sequence;

  RandomHistories(long seed) {
    this(seed, CAPABILITIES, "ev-");
  }

  /** Histories over the given capabilities; event ids start with the prefix. */
  public RandomHistories(long seed, List<String> capabilities, String prefix) {
    this.random = new Random(seed);
    this.capabilities = List.copyOf(capabilities);
    this.prefix = prefix;
  }

  /** The events of one person, in the order they were recorded. */
  public List<CloudEvent<?>> person(String personRef) {
    List<CloudEvent<?>> events = new ArrayList<>();
    int count = 1 + random.nextInt(8);
    for (int i = 0; i < count; i++) {
      LocalDate day = day();
      String capability = capabilities.get(random.nextInt(capabilities.size()));
      int level = random.nextInt(8);
      switch (random.nextInt(9)) {
        case 0 ->
            events.add(
                event(
                    EventTypes.TALENT_HIRED,
                    day,
                    personRef,
                    new TalentHired(
                        personRef,
                        List.of(new CapabilityLevel(capability, level)),
                        day,
                        HireType.PERMANENT)));
        case 1 ->
            events.add(
                event(
                    EventTypes.TALENT_SEPARATED,
                    day,
                    personRef,
                    new TalentSeparated(personRef, day, SeparationReason.VOLUNTARY)));
        case 2 ->
            events.add(
                event(
                    EventTypes.TALENT_REDEPLOYED,
                    day,
                    personRef,
                    new TalentRedeployed(
                        personRef, List.of(new CapabilityLevel(capability, level)), day, null)));
        case 3 ->
            events.add(
                event(
                    EventTypes.PROFICIENCY_ASSESSED,
                    day,
                    personRef,
                    new ProficiencyAssessed(
                        personRef,
                        prefix + "as-" + sequence,
                        capability,
                        AssessmentMethod.values()[random.nextInt(AssessmentMethod.values().length)],
                        level,
                        "" + level,
                        "canonical",
                        day)));
        case 4 -> {
          boolean success = random.nextBoolean();
          String enrolment = prefix + "e-" + (sequence + 1);
          if (random.nextInt(3) > 0) {
            // now and then the completion is dated before the enrolment (a producer's mistake)
            LocalDate enrolled =
                random.nextInt(8) == 0
                    ? day.plusDays(1 + random.nextInt(60))
                    : day.minusDays(random.nextInt(120));
            events.add(
                event(
                    EventTypes.TRAINING_ENROLLED,
                    enrolled,
                    enrolment,
                    new TrainingEnrolled(
                        enrolment, personRef, "c", capability, level, enrolled, null)));
          }
          if (random.nextInt(4) == 0) {
            break; // enrolled, not (yet) completed
          }
          events.add(
              event(
                  EventTypes.TRAINING_COMPLETED,
                  day,
                  enrolment,
                  new TrainingCompleted(
                      enrolment,
                      personRef,
                      "c",
                      // now and then a producer names another capability than the enrolment did
                      random.nextInt(10) == 0
                          ? capabilities.get(random.nextInt(capabilities.size()))
                          : capability,
                      success,
                      null,
                      success && level > 0 ? level : null,
                      day)));
        }
        case 5 -> {
          String credential = prefix + "cr-" + sequence;
          LocalDate until = random.nextBoolean() ? null : day.plusDays(random.nextInt(200));
          events.add(
              event(
                  EventTypes.CREDENTIAL_ISSUED,
                  day,
                  credential,
                  new CredentialIssued(
                      credential, personRef, capability, level, "Cert", null, day, until)));
          if (random.nextInt(8) == 0) {
            // issued again under the same credential id by a second event, on another day
            LocalDate again =
                until == null || random.nextBoolean()
                    ? day.minusDays(1 + random.nextInt(60))
                    : day.plusDays(
                        random.nextInt(1 + (int) (until.toEpochDay() - day.toEpochDay())));
            events.add(
                event(
                    EventTypes.CREDENTIAL_ISSUED,
                    again,
                    credential,
                    new CredentialIssued(
                        credential, personRef, capability, level, "Cert", null, again, until)));
          }
          if (until != null && random.nextBoolean()) {
            LocalDate renewed = until.plusDays(1 + random.nextInt(200));
            events.add(
                event(
                    EventTypes.CREDENTIAL_RENEWED,
                    until,
                    credential,
                    new CredentialRenewed(credential, personRef, until, until, renewed)));
          }
          if (random.nextInt(3) == 0) {
            LocalDate revoked = day.plusDays(random.nextInt(300));
            events.add(
                event(
                    EventTypes.CREDENTIAL_REVOKED,
                    revoked,
                    credential,
                    new CredentialRevoked(credential, personRef, revoked, null)));
          }
        }
        case 6 -> {
          if (!events.isEmpty()) {
            CloudEvent<?> target = events.get(random.nextInt(events.size()));
            events.add(
                event(
                    EventTypes.LEARNING_EVENT_VOIDED,
                    day,
                    target.subject(),
                    new EventVoided(target.id(), target.type().name(), "test")));
          }
        }
        default ->
            events.add(
                event(
                    EventTypes.TALENT_HIRED,
                    day,
                    personRef,
                    new TalentHired(
                        personRef,
                        List.of(new CapabilityLevel(capability, 1 + random.nextInt(7))),
                        day,
                        HireType.PERMANENT)));
      }
    }
    return events;
  }

  /** The same events shuffled, some of them twice: what redelivery and reordering look like. */
  public List<CloudEvent<?>> delivered(List<CloudEvent<?>> events) {
    List<CloudEvent<?>> delivered = new ArrayList<>(events);
    for (CloudEvent<?> e : events) {
      if (random.nextInt(4) == 0) {
        delivered.add(e);
      }
    }
    Collections.shuffle(delivered, random);
    return delivered;
  }

  public LocalDate day() {
    return START.plusDays(random.nextInt(500));
  }

  private <T> CloudEvent<T> event(EventType<T> type, LocalDate day, String subject, T data) {
    sequence++;
    return new CloudEvent<>(
        prefix + sequence,
        "/test",
        type,
        day.atStartOfDay().atOffset(ZoneOffset.UTC),
        subject,
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(sequence),
        data);
  }
}
