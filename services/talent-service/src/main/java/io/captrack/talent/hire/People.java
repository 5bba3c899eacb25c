package io.captrack.talent.hire;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.outbox.Outbox;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.talent.TalentHired;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The person aggregate, keyed by personRef: hires inside, events in its outbox. */
@Component
class People {

  static final String COLLECTION = "people";

  private final MongoCollection<Document> people;
  private final Outbox outbox;
  private final ServiceIdentity identity;
  private final Clock clock;

  People(MongoDatabase database, Outbox outbox, ServiceIdentity identity, Clock clock) {
    this.people = database.getCollection(COLLECTION);
    this.outbox = outbox;
    this.identity = identity;
    this.clock = clock;
  }

  HireView hire(TalentHired hired) {
    String hireId = "h-" + UUID.randomUUID();
    Document hire =
        new Document("hireId", hireId)
            .append(
                "capabilities",
                hired.capabilities().stream()
                    .map(
                        c ->
                            new Document("capabilityId", c.capabilityId())
                                .append("level", c.level()))
                    .toList())
            .append("startDate", hired.startDate().toString())
            .append("hireType", hired.hireType().name())
            .append("recordedAt", Date.from(clock.instant()));
    outbox.update(
        people,
        eq("_id", hired.personRef()),
        Updates.combine(Updates.push("hires", hire), Updates.inc("version", 1L)),
        List.of(
            CloudEvent.of(
                EventTypes.TALENT_HIRED,
                identity.source(),
                hired.startDate().atStartOfDay().atOffset(ZoneOffset.UTC),
                hired.personRef(),
                hired)),
        new UpdateOptions().upsert(true));
    return new HireView(hireId, hired.personRef());
  }

  long hireCount(String personRef) {
    Document person = people.find(eq("_id", personRef)).first();
    return person == null ? 0 : person.getList("hires", Document.class).size();
  }
}
