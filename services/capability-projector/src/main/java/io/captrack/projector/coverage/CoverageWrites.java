package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.CoverageCalendar;
import io.captrack.platform.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writes of a batch into coverage: the capabilities' month documents, then their documents with
 * their change events for the outbox. Each is applied once per batch, see {@link #monthWrites}.
 */
final class CoverageWrites {

  private static final int DUPLICATE_KEY = 11000;

  private final MongoCollection<Document> coverage;
  private final MongoCollection<Document> months;
  private final Outbox outbox;
  private final CapabilityReads reads;

  CoverageWrites(
      MongoCollection<Document> coverage,
      MongoCollection<Document> months,
      Outbox outbox,
      CapabilityReads reads) {
    this.coverage = coverage;
    this.months = months;
    this.outbox = outbox;
    this.reads = reads;
  }

  /** Creates a coverage document for every capability of the taxonomy, keeping existing figures. */
  void seed(Taxonomy taxonomy) {
    for (Taxonomy.Capability c : taxonomy.capabilities()) {
      coverage.updateOne(
          eq("_id", c.id()),
          Updates.combine(
              Updates.set("name", c.name()),
              Updates.set("area", c.area()),
              Updates.set(
                  "target",
                  new Document("level", c.target().level())
                      .append("headcount", c.target().headcount())
                      .append("fte", c.target().fte().doubleValue())),
              Updates.setOnInsert("applied", new Document()),
              Updates.setOnInsert(CoverageCalendar.KEEPS_TOTAL, true)),
          new UpdateOptions().upsert(true));
    }
  }

  /**
   * A batch into coverage ({@code numbers}: its number for each of its shards): first each
   * capability's changes by day into its month documents (one write per month document, all in one
   * bulk write), then per capability its months' net changes, targets, positions (which only grow)
   * and change events in one update of its document. Each document remembers the last batch of each
   * shard it applied ({@code seq.<shard>}), every shard of a batch in the same update. The
   * capability's document takes the batch only while each of its {@code seq.<shard>} is below the
   * batch's number (the stand-in scans for that filter, but the collection holds one document per
   * capability). Month documents are guarded the same way when {@code completing} a batch that may
   * have reached some of them; a consumer writing its own batch for the first time, its epochs just
   * checked, writes them by id alone (a scan of every month document per write otherwise).
   */
  Runnable monthWrites(Map<Integer, Long> numbers, ProjectionBatch batch, boolean completing) {
    List<UpdateOneModel<Document>> monthWrites = new ArrayList<>();
    batch
        .dirtyCapabilities()
        .forEach(
            c ->
                CoverageDocuments.monthUpdates(c, numbers, completing)
                    .forEach(
                        m ->
                            monthWrites.add(Encoded.upsert(months, m.getFilter(), m.getUpdate()))));
    return () -> {
      reads.writing(batch.dirtyCapabilities());
      writeOnce(months, monthWrites);
    };
  }

  /**
   * Then the capability documents of the batch, see {@link #monthWrites}: one bulk write of guarded
   * upserts, each with the capability's change events for its outbox. One that meets a document
   * which has the batch already fails on its id and changes nothing; one that meets no document
   * creates it.
   */
  void writeCapabilities(Map<Integer, Long> numbers, ProjectionBatch batch, Instant now) {
    List<Outbox.Write> writes = new ArrayList<>();
    List<CapabilityState> dirty = List.copyOf(batch.dirtyCapabilities());
    for (CapabilityState c : dirty) {
      List<Bson> update = new ArrayList<>();
      update.add(CoverageDocuments.update(c, now));
      update.add(CoverageDocuments.seqs(numbers));
      update.add(Updates.setOnInsert(CoverageCalendar.KEEPS_TOTAL, true));
      if (c.touchedPositions().isEmpty()) {
        update.add(Updates.setOnInsert("applied", new Document()));
      }
      writes.add(
          new Outbox.Write(
              CoverageDocuments.unlessApplied(c.capabilityId(), numbers),
              Updates.combine(update),
              c.changes()));
    }
    boolean[] applied = outbox.upsertOnce(coverage, writes);
    for (int i = 0; i < dirty.size(); i++) {
      CapabilityState c = dirty.get(i);
      if (applied[i]) {
        reads.wrote(c, numbers, now);
      }
    }
  }

  /**
   * Guarded upserts, or inserts: one that does not match because its document has the batch already
   * tries to insert that document again and fails on the duplicate id, which is what "applied once"
   * means.
   */
  static void writeOnce(
      MongoCollection<Document> collection, List<? extends WriteModel<Document>> writes) {
    if (writes.isEmpty()) {
      return;
    }
    try {
      collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      List<BulkWriteError> other =
          e.getWriteErrors().stream().filter(w -> w.getCode() != DUPLICATE_KEY).toList();
      if (!other.isEmpty() || e.getWriteConcernError() != null) {
        throw e;
      }
    }
  }
}
