package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertOneModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** The {@code event_owners} collection: which person an event concerns, for voids. */
final class EventOwners {

  private final MongoCollection<Document> owners;

  EventOwners(MongoCollection<Document> owners) {
    this.owners = owners;
  }

  /** The person of each of {@code eventIds} that has one stored. */
  Map<String, String> load(Set<String> eventIds) {
    Map<String, String> found = new HashMap<>();
    if (!eventIds.isEmpty()) {
      owners
          .find(in("_id", eventIds))
          .forEach(d -> found.put(d.getString("_id"), d.getString("personRef")));
    }
    return found;
  }

  /**
   * The owners of a batch's new events: immutable, so written first, as inserts. An event already
   * known (a record redelivered after a crash) keeps its first owner: its insert fails on its id
   * and changes nothing. Built now, sent when the returned step runs.
   */
  Runnable writes(ProjectionBatch batch) {
    List<InsertOneModel<Document>> inserts = new ArrayList<>();
    batch
        .newOwners()
        .forEach(
            (eventId, ref) ->
                inserts.add(
                    new InsertOneModel<>(new Document("_id", eventId).append("personRef", ref))));
    return () -> CoverageWrites.writeOnce(owners, inserts);
  }
}
