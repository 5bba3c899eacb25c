package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.captrack.projector.timeline.Expiry;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The {@code expiries} collection: what people and partners have that ends on a known day, one
 * document per item keyed by its holder, kind and id.
 */
final class ExpiryWrites {

  private final MongoCollection<Document> expiries;

  ExpiryWrites(MongoCollection<Document> expiries) {
    this.expiries = expiries;
  }

  /**
   * What people and partners of the batch have that ends on a known day: built now, sent when the
   * returned step runs.
   */
  Runnable writes(ProjectionBatch batch) {
    List<WriteModel<Document>> expiryWrites = new ArrayList<>();
    batch
        .dirtyPeople()
        .forEach(
            (ref, history) ->
                changedExpiryWrites(
                    batch.expiriesBefore(ref), history.expiries(ref), expiryWrites));
    batch
        .dirtyPartners()
        .forEach(
            (id, history) ->
                changedExpiryWrites(batch.expiriesBefore(id), history.expiries(), expiryWrites));
    return Encoded.unordered(expiries, expiryWrites);
  }

  /**
   * Rewrites the expiries of owners from their stored histories (completing an interrupted batch),
   * removing what they no longer have.
   */
  void rewrite(Map<String, PersonHistory> people, Map<String, PartnerHistory> partners) {
    List<WriteModel<Document>> writes = new ArrayList<>();
    people.forEach((ref, h) -> expiryWrites(ref, storedExpiryKeys(ref), h.expiries(ref), writes));
    partners.forEach((id, h) -> expiryWrites(id, storedExpiryKeys(id), h.expiries(), writes));
    if (!writes.isEmpty()) {
      expiries.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
  }

  /**
   * Only what the batch changed: items new or different from before it, and those gone. Every item
   * of every holder the batch touched would otherwise be written again.
   */
  private void changedExpiryWrites(
      Map<String, Expiry> before, List<Expiry> ending, List<WriteModel<Document>> writes) {
    Set<String> gone = new HashSet<>(before.keySet());
    List<Expiry> changed = new ArrayList<>();
    for (Expiry e : ending) {
      gone.remove(e.key());
      if (!e.equals(before.get(e.key()))) {
        changed.add(e);
      }
    }
    changed.forEach(e -> writes.add(upsert(e)));
    if (!gone.isEmpty()) {
      writes.add(Encoded.deleteMany(expiries, in("_id", gone)));
    }
  }

  private Set<String> storedExpiryKeys(String holder) {
    Set<String> keys = new HashSet<>();
    expiries
        .find(eq("holder", holder))
        .projection(new Document("_id", 1))
        .forEach(d -> keys.add(d.getString("_id")));
    return keys;
  }

  // $set, not a replacement: the tick keeps its sent notices and outbox in the same document
  private UpdateOneModel<Document> upsert(Expiry e) {
    return Encoded.upsert(
        expiries,
        Encoded.byId(e.key()),
        Updates.combine(
            Updates.set("kind", e.kind()),
            Updates.set("id", e.id()),
            Updates.set("holder", e.holder()),
            Updates.set("capabilityIds", e.capabilityIds()),
            Updates.set("lastDay", e.lastDay().toString())));
  }

  /**
   * What a person or partner has that ends on a known day, by key; keys it had before the batch and
   * no longer has are removed. The API buckets them at read time.
   */
  private void expiryWrites(
      String holder, Set<String> before, List<Expiry> ending, List<WriteModel<Document>> writes) {
    Set<String> gone = new HashSet<>(before);
    for (Expiry e : ending) {
      gone.remove(e.key());
      writes.add(upsert(e));
    }
    if (!gone.isEmpty()) {
      writes.add(Encoded.deleteMany(expiries, in("_id", gone)));
    }
  }
}
