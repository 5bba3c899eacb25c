package io.captrack.learning.completion;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.learning.TrainingCompleted;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

/** The enrolment aggregate: one document per enrolment, its events in its outbox. */
@Component
class Enrolments {

  static final String COLLECTION = "enrolments";

  private final MongoCollection<Document> enrolments;
  private final Outbox outbox;
  private final ServiceIdentity identity;
  private final Clock clock;

  Enrolments(MongoDatabase database, Outbox outbox, ServiceIdentity identity, Clock clock) {
    this.enrolments = database.getCollection(COLLECTION);
    this.outbox = outbox;
    this.identity = identity;
    this.clock = clock;
  }

  CompletionView complete(TrainingCompleted completed) {
    Document doc =
        new Document("_id", completed.enrolmentId())
            .append("personRef", completed.personRef())
            .append("courseId", completed.courseId())
            .append("capabilityId", completed.capabilityId())
            .append("status", completed.success() ? "PASSED" : "FAILED")
            .append("score", completed.score() == null ? null : new Decimal128(completed.score()))
            .append("levelAwarded", completed.levelAwarded())
            .append("completedOn", completed.completedOn().toString())
            .append("recordedAt", Date.from(clock.instant()))
            .append("version", 1L);
    try {
      outbox.insert(
          enrolments,
          doc,
          List.of(
              CloudEvent.of(
                  EventTypes.TRAINING_COMPLETED,
                  identity.source(),
                  completed.completedOn().atStartOfDay().atOffset(ZoneOffset.UTC),
                  completed.enrolmentId(),
                  completed)));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw CommandRejectedException.conflict(
            "duplicate-enrolment",
            "enrolment " + completed.enrolmentId() + " is already completed");
      }
      throw e;
    }
    return new CompletionView(completed.enrolmentId(), completed.personRef());
  }
}
