package io.captrack.talent.requisition;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.outbox.Versioned;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.talent.RequisitionClosed;
import io.captrack.schemas.talent.RequisitionOpened;
import io.captrack.schemas.talent.RequisitionOutcome;
import io.captrack.talent.person.People;
import java.time.LocalDate;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Requisitions: the hires HR is working on, one document each. */
@Component
class Requisitions {

  private final Versioned requisitions;
  private final People people;
  private final Taxonomy taxonomy;

  Requisitions(MongoDatabase database, Outbox outbox, People people, Taxonomy taxonomy) {
    this.requisitions =
        new Versioned(database.getCollection("requisitions"), outbox, "requisition");
    this.people = people;
    this.taxonomy = taxonomy;
  }

  Document open(RequisitionRequests.Open request) {
    if (taxonomy.capability(request.capabilityId()).isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability id: " + request.capabilityId());
    }
    LocalDate openedOn = request.openedOn() == null ? people.today() : request.openedOn();
    if (request.targetDate() != null && request.targetDate().isBefore(openedOn)) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "targetDate must not be before openedOn");
    }
    String id = "r-" + UUID.randomUUID();
    RequisitionOpened opened =
        new RequisitionOpened(
            id,
            request.capabilityId(),
            request.level(),
            request.headcount(),
            openedOn,
            request.targetDate());
    Document doc =
        new Document("_id", id)
            .append("capabilityId", opened.capabilityId())
            .append("level", opened.level())
            .append("headcount", opened.headcount())
            .append("openedOn", openedOn.toString())
            .append(
                "targetDate", request.targetDate() == null ? null : request.targetDate().toString())
            .append("status", "OPEN");
    return requisitions.insert(
        doc, people.event(EventTypes.REQUISITION_OPENED, openedOn, id, opened));
  }

  Document close(String id, RequisitionRequests.Close request, String ifMatch) {
    Document current = load(id);
    if (!"OPEN".equals(current.getString("status"))) {
      throw CommandRejectedException.conflict(
          "requisition-closed", "requisition " + id + " is closed");
    }
    LocalDate openedOn = LocalDate.parse(current.getString("openedOn"));
    if (request.closedOn().isBefore(openedOn)) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "a requisition cannot close before it opened on " + openedOn);
    }
    int filled = request.filled() == null ? 0 : request.filled();
    int headcount = current.getInteger("headcount");
    if (request.outcome() == RequisitionOutcome.FILLED && (filled < 1 || filled > headcount)) {
      throw CommandRejectedException.unprocessable(
          "invalid-filled", "a FILLED requisition fills between 1 and " + headcount);
    }
    if (request.outcome() == RequisitionOutcome.CANCELLED && filled > headcount) {
      throw CommandRejectedException.unprocessable(
          "invalid-filled", "filled cannot exceed the headcount of " + headcount);
    }
    RequisitionClosed closed =
        new RequisitionClosed(id, request.closedOn(), request.outcome(), filled);
    return requisitions.change(
        current,
        ifMatch,
        Updates.combine(
            Updates.set("status", request.outcome().name()),
            Updates.set("closedOn", request.closedOn().toString()),
            Updates.set("filled", filled)),
        people.event(EventTypes.REQUISITION_CLOSED, request.closedOn(), id, closed));
  }

  Document load(String id) {
    return requisitions.load(id);
  }
}
