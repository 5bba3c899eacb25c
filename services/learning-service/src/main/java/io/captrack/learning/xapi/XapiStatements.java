package io.captrack.learning.xapi;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.captrack.learning.enrolment.Enrolments;
import io.captrack.platform.PersonRefs;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.EffectiveDates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.bson.Document;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns xAPI statements, as a learning record store sends them, into learning events: {@code
 * completed}, {@code passed} and {@code failed} become TrainingCompleted, {@code voided} becomes
 * EventVoided for the completion its target statement made. The learner is matched by the HR id in
 * {@code actor.account.name}, hashed like everywhere else. A statement id is processed once.
 */
@Component
class XapiStatements {

  static final String VERBS = "http://adlnet.gov/expapi/verbs/";

  /** What became of one statement. */
  record Outcome(String statementId, String outcome, String reason) {}

  private final MongoCollection<Document> statements;
  private final Enrolments enrolments;
  private final PersonRefs personRefs;
  private final Clock clock;

  XapiStatements(
      MongoDatabase database, Enrolments enrolments, PersonRefs personRefs, Clock clock) {
    this.statements = database.getCollection("xapi_statements");
    this.enrolments = enrolments;
    this.personRefs = personRefs;
    this.clock = clock;
  }

  Outcome process(JsonNode statement) {
    String id = text(statement.path("id"));
    if (id == null) {
      return new Outcome(null, "REJECTED", "a statement needs an id");
    }
    if (statements.countDocuments(eq("_id", id)) > 0) {
      return new Outcome(id, "DUPLICATE", null);
    }
    String verb = text(statement.path("verb").path("id"));
    if (verb == null || !verb.startsWith(VERBS)) {
      return remember(id, verb, null, "IGNORED", "verb " + verb + " does not change capabilities");
    }
    try {
      return switch (verb.substring(VERBS.length())) {
        case "completed", "passed", "failed" -> complete(id, verb, statement);
        case "voided" -> voidTarget(id, verb, statement);
        default ->
            remember(id, verb, null, "IGNORED", "verb " + verb + " does not change capabilities");
      };
    } catch (CommandRejectedException e) {
      return new Outcome(id, "REJECTED", e.getMessage());
    }
  }

  private Outcome complete(String id, String verb, JsonNode s) {
    String hrId = text(s.path("actor").path("account").path("name"));
    if (hrId == null || hrId.length() > 64) {
      return new Outcome(
          id, "REJECTED", "the actor must carry the learner's HR id in account.name");
    }
    String activity = text(s.path("object").path("id"));
    if (activity == null) {
      return new Outcome(id, "REJECTED", "the object must be an activity with an id");
    }
    String courseId =
        activity
            .substring(activity.replaceAll("/+$", "").lastIndexOf('/') + 1)
            .replaceAll("/+$", "");
    boolean success =
        switch (verb.substring(VERBS.length())) {
          case "passed" -> true;
          case "failed" -> false;
          default -> s.path("result").path("success").asBoolean(true);
        };
    LocalDate on;
    try {
      String timestamp = text(s.path("timestamp"));
      on =
          timestamp == null
              ? LocalDate.now(clock)
              : OffsetDateTime.parse(timestamp).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeParseException e) {
      return new Outcome(id, "REJECTED", "timestamp is not an ISO 8601 date-time");
    }
    if (!EffectiveDates.accepted(on)) {
      return new Outcome(
          id,
          "REJECTED",
          "timestamp must be within " + EffectiveDates.FIRST_DAY + ".." + EffectiveDates.LAST_DAY);
    }
    String registration = text(s.path("context").path("registration"));
    String enrolmentId = registration != null ? registration : "x-" + id;
    Enrolments.Completed done =
        enrolments.complete(
            new Enrolments.Completion(
                enrolmentId,
                personRefs.of(hrId),
                courseId,
                null,
                success,
                score(s.path("result").path("score")),
                null,
                on),
            null);
    return remember(id, verb, done.enrolmentId(), "RECORDED", null);
  }

  private Outcome voidTarget(String id, String verb, JsonNode s) {
    String target = text(s.path("object").path("id"));
    Document voided = target == null ? null : statements.find(eq("_id", target)).first();
    if (voided == null || voided.getString("enrolmentId") == null) {
      return new Outcome(
          id, "REJECTED", "the voided statement " + target + " made no completion here");
    }
    enrolments.voidCompletion(
        voided.getString("enrolmentId"), "voided by xAPI statement " + id, null);
    return remember(id, verb, voided.getString("enrolmentId"), "RECORDED", null);
  }

  private Outcome remember(
      String id, String verb, String enrolmentId, String outcome, String reason) {
    statements.insertOne(
        new Document("_id", id)
            .append("verb", verb)
            .append("enrolmentId", enrolmentId)
            .append("outcome", outcome));
    return new Outcome(id, outcome, reason);
  }

  /**
   * The score as a percentage: {@code scaled} (0..1), or {@code raw} between {@code min} and {@code
   * max}.
   */
  private static BigDecimal score(JsonNode score) {
    if (score.path("scaled").isNumber()) {
      BigDecimal pct = score.path("scaled").decimalValue().multiply(BigDecimal.valueOf(100));
      return pct.max(BigDecimal.ZERO)
          .min(BigDecimal.valueOf(100))
          .setScale(2, RoundingMode.HALF_UP);
    }
    if (score.path("raw").isNumber() && score.path("max").isNumber()) {
      BigDecimal min =
          score.path("min").isNumber() ? score.path("min").decimalValue() : BigDecimal.ZERO;
      BigDecimal range = score.path("max").decimalValue().subtract(min);
      if (range.signum() > 0) {
        BigDecimal pct =
            score
                .path("raw")
                .decimalValue()
                .subtract(min)
                .multiply(BigDecimal.valueOf(100))
                .divide(range, 2, RoundingMode.HALF_UP);
        return pct.max(BigDecimal.ZERO).min(BigDecimal.valueOf(100));
      }
    }
    return null;
  }

  private static String text(JsonNode node) {
    return node.isString() && !node.asString().isBlank() ? node.asString() : null;
  }
}
