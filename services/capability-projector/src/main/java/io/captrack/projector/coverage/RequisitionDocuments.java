package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.captrack.projector.timeline.Calendar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The {@code requisitions} collection: each requisition's events, from which the pipeline is
 * derived, with the changes the last batch made to coverage ({@code pending}, under its number).
 */
final class RequisitionDocuments {

  private final MongoCollection<Document> requisitions;
  private final StoredEvents stored;

  RequisitionDocuments(MongoCollection<Document> requisitions, StoredEvents stored) {
    this.requisitions = requisitions;
    this.stored = stored;
  }

  /**
   * One update per changed requisition document: the events the batch added appended and the
   * batch's pending deltas set. The events already stored are not sent again; a repeated append (a
   * zombie's, within the limit README states) only repeats events that loading ignores by id.
   */
  Runnable writes(ProjectionBatch batch, Map<Integer, Long> numbers) {
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    batch
        .dirtyRequisitions()
        .keySet()
        .forEach(
            id -> {
              String owner = CoverageStore.REQUISITIONS + ":" + id;
              long n = batch.numberOf(owner, numbers);
              writes.add(
                  Encoded.upsert(
                      requisitions,
                      Encoded.byId(id),
                      Updates.combine(
                          Updates.pushEach(
                              "events",
                              batch.ownerEvents(owner).stream().map(stored::encode).toList()),
                          Updates.set(
                              "pending",
                              PendingDeltas.encode(batch.ownerDeltas().get(owner), n)))));
            });
    return Encoded.unordered(requisitions, writes);
  }

  /** Adds the deltas the requisitions {@code ids} carry for batch {@code n} to {@code sums}. */
  void addPending(List<String> ids, long n, Map<String, Calendar> sums) {
    for (Document d : requisitions.find(in("_id", ids))) {
      PendingDeltas.addTo(d.get("pending", Document.class), n, sums);
    }
  }
}
