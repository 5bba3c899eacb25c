package io.captrack.schemas.learning;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * A person enrolled in a training: the BUILD channel's pipeline.
 *
 * @param enrolmentId the enrolment, the Kafka key
 * @param personRef keyed hash of the learner's HR id
 * @param courseId the course
 * @param capabilityId the capability the course builds, from L&D's course mapping
 * @param levelTargeted the level the course awards on success, from the mapping
 * @param enrolledOn the day of enrolment
 * @param expectedCompletion when the learner should finish, if known
 */
public record TrainingEnrolled(
    String enrolmentId,
    String personRef,
    String courseId,
    String capabilityId,
    int levelTargeted,
    LocalDate enrolledOn,
    LocalDate expectedCompletion) {

  public TrainingEnrolled {
    Require.text(enrolmentId, "enrolmentId");
    Require.text(personRef, "personRef");
    Require.text(courseId, "courseId");
    Require.text(capabilityId, "capabilityId");
    Require.level(levelTargeted, "levelTargeted");
    Require.present(enrolledOn, "enrolledOn");
  }
}
