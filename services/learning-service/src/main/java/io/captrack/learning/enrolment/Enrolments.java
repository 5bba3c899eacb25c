package io.captrack.learning.enrolment;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.captrack.learning.course.Courses;
import io.captrack.learning.system.Events;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.outbox.Versioned;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.learning.TrainingEnrolled;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

/** Enrolments from enrolment to completion, and their correction by a void. */
@Component
public class Enrolments {

  /** A completion, from the API or from an xAPI statement. */
  public record Completion(
      String enrolmentId,
      String personRef,
      String courseId,
      String capabilityId,
      boolean success,
      BigDecimal score,
      Integer levelAwarded,
      LocalDate completedOn) {}

  /** What a recorded completion is known by. */
  public record Completed(String enrolmentId, String eventId) {}

  private final Versioned enrolments;
  private final Courses courses;
  private final Taxonomy taxonomy;
  private final Events events;

  Enrolments(
      MongoDatabase database, Outbox outbox, Courses courses, Taxonomy taxonomy, Events events) {
    this.enrolments = new Versioned(database.getCollection("enrolments"), outbox, "enrolment");
    this.courses = courses;
    this.taxonomy = taxonomy;
    this.events = events;
  }

  Document enrol(
      String enrolmentId,
      String personRef,
      String courseId,
      LocalDate enrolledOn,
      LocalDate expected) {
    Courses.Course course =
        courses
            .find(courseId)
            .orElseThrow(
                () ->
                    CommandRejectedException.unprocessable(
                        "unknown-course", "course " + courseId + " has no capability mapping"));
    LocalDate on = enrolledOn == null ? events.today() : enrolledOn;
    if (expected != null && expected.isBefore(on)) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "expectedCompletion must not be before enrolledOn");
    }
    String id = enrolmentId == null ? "e-" + UUID.randomUUID() : enrolmentId;
    TrainingEnrolled enrolled =
        new TrainingEnrolled(
            id, personRef, courseId, course.capabilityId(), course.levelAwarded(), on, expected);
    Document doc =
        new Document("_id", id)
            .append("personRef", personRef)
            .append("courseId", courseId)
            .append("capabilityId", course.capabilityId())
            .append("levelTargeted", course.levelAwarded())
            .append("status", "ENROLLED")
            .append("enrolledOn", on.toString());
    return insert(doc, events.of(EventTypes.TRAINING_ENROLLED, on, id, personRef, enrolled));
  }

  /** Records a completion, on its enrolment when there is one. */
  public Completed complete(Completion c, String ifMatch) {
    String capabilityId = c.capabilityId();
    Integer level = c.levelAwarded();
    if (capabilityId == null) {
      Courses.Course course =
          courses
              .find(c.courseId())
              .orElseThrow(
                  () ->
                      CommandRejectedException.unprocessable(
                          "unknown-course",
                          "course "
                              + c.courseId()
                              + " has no capability mapping; map it or name the capability"));
      capabilityId = course.capabilityId();
      level = c.success() ? course.levelAwarded() : null;
    } else if (taxonomy.capability(capabilityId).isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability id: " + capabilityId);
    }
    if (!c.success() && level != null) {
      throw CommandRejectedException.unprocessable(
          "level-without-success", "a failed training cannot award a level");
    }
    String id = c.enrolmentId() == null ? "e-" + UUID.randomUUID() : c.enrolmentId();
    TrainingCompleted completed =
        new TrainingCompleted(
            id,
            c.personRef(),
            c.courseId(),
            capabilityId,
            c.success(),
            c.score(),
            level,
            c.completedOn());
    CloudEvent<TrainingCompleted> event =
        events.of(EventTypes.TRAINING_COMPLETED, c.completedOn(), id, c.personRef(), completed);
    var completion =
        Updates.combine(
            Updates.set("status", c.success() ? "PASSED" : "FAILED"),
            Updates.set("capabilityId", capabilityId),
            Updates.set("score", c.score() == null ? null : new Decimal128(c.score())),
            Updates.set("levelAwarded", level),
            Updates.set("completedOn", c.completedOn().toString()),
            Updates.set("completionEventId", event.id()));
    if (enrolments.exists(id)) {
      Document current = enrolments.load(id);
      if (!current.getString("personRef").equals(c.personRef())
          || !current.getString("courseId").equals(c.courseId())) {
        throw CommandRejectedException.conflict(
            "enrolment-mismatch", "enrolment " + id + " belongs to another learner or course");
      }
      if (!"ENROLLED".equals(current.getString("status"))) {
        throw CommandRejectedException.conflict(
            "duplicate-enrolment", "enrolment " + id + " is already completed");
      }
      enrolments.change(current, ifMatch, completion, event);
    } else {
      insert(
          new Document("_id", id)
              .append("personRef", c.personRef())
              .append("courseId", c.courseId())
              .append("capabilityId", capabilityId)
              .append("status", c.success() ? "PASSED" : "FAILED")
              .append("score", c.score() == null ? null : new Decimal128(c.score()))
              .append("levelAwarded", level)
              .append("completedOn", c.completedOn().toString())
              .append("completionEventId", event.id()),
          event);
    }
    return new Completed(id, event.id());
  }

  /**
   * Cancels the enrolment's completion: an EventVoided for it, keyed like it, in order after it.
   */
  public Document voidCompletion(String enrolmentId, String reason, String ifMatch) {
    Document current = enrolments.load(enrolmentId);
    String completionId = current.getString("completionEventId");
    if (completionId == null || "VOIDED".equals(current.getString("status"))) {
      throw CommandRejectedException.conflict(
          "nothing-to-void", "enrolment " + enrolmentId + " has no completion in force");
    }
    EventVoided voided =
        new EventVoided(completionId, EventTypes.TRAINING_COMPLETED.name(), reason);
    return enrolments.change(
        current,
        ifMatch,
        Updates.set("status", "VOIDED"),
        events.of(
            EventTypes.LEARNING_EVENT_VOIDED,
            events.today(),
            enrolmentId,
            current.getString("personRef"),
            voided));
  }

  Document load(String enrolmentId) {
    return enrolments.load(enrolmentId);
  }

  private Document insert(Document doc, CloudEvent<?> event) {
    try {
      return enrolments.insert(doc, event);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw CommandRejectedException.conflict(
            "duplicate-enrolment", "enrolment " + doc.getString("_id") + " exists");
      }
      throw e;
    }
  }
}
