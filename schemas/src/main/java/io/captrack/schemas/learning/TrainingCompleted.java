package io.captrack.schemas.learning;

import io.captrack.schemas.Require;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A person finished a training (the BUILD channel when it succeeded and awarded a level).
 *
 * @param enrolmentId the enrolment, the Kafka key
 * @param personRef keyed hash of the learner's HR id
 * @param courseId the course
 * @param capabilityId the capability the course builds
 * @param success whether the learner passed
 * @param score the score, 0 to 100, when the course is scored
 * @param levelAwarded the canonical level reached, when the course awards one
 * @param completedOn the day of completion
 */
public record TrainingCompleted(
    String enrolmentId,
    String personRef,
    String courseId,
    String capabilityId,
    boolean success,
    BigDecimal score,
    Integer levelAwarded,
    LocalDate completedOn) {

  public TrainingCompleted {
    Require.text(enrolmentId, "enrolmentId");
    Require.text(personRef, "personRef");
    Require.text(courseId, "courseId");
    Require.text(capabilityId, "capabilityId");
    Require.present(completedOn, "completedOn");
    if (levelAwarded != null) {
      Require.level(levelAwarded, "levelAwarded");
    }
    if (score != null && (score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0)) {
      throw new IllegalArgumentException("score must be between 0 and 100");
    }
  }
}
