package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.captrack.platform.readmodel.AppliedPositions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One document per shard (a partition number: partition p of every source topic, which the range
 * assignor gives to one consumer) that fences and journals the projector's writes. A consumer that
 * is assigned the shard takes it over by raising its epoch; every write step of a batch first
 * checks that the epoch is still its own, so a consumer that lost its partitions (a zombie past
 * {@code max.poll.interval.ms}) stops before its next write. Before its first write a batch records
 * its intent here (sequence number, the owner documents it will write, the first cause per
 * capability); a batch whose intent is not marked done is completed by whoever owns the shard next,
 * from the deltas the owner documents carry. The collection has one small document per partition
 * number, so its epoch-guarded filters cost nothing even where the server scans.
 */
final class ShardLedger {

  /** A shard's state: its epoch, the last batch begun and the last completed, and the intent. */
  record State(long epoch, long seq, long done, Intent inflight) {}

  /** What a batch that began will write: owner documents and the first cause per capability. */
  record Intent(long n, List<OwnerRef> owners, Map<String, Document> causes) {}

  /** An owner document: its collection ({@code people}, {@code partners}, {@code requisitions}). */
  record OwnerRef(String collection, String id) {}

  private final MongoCollection<Document> shards;
  private final Map<Integer, Long> epochs = new ConcurrentHashMap<>();
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

  ShardLedger(MongoCollection<Document> shards) {
    this.shards = shards;
  }

  /** Kafka assigned the shard to this consumer: it may take it over. */
  void assigned(int shard) {
    owned.add(shard);
    epochs.remove(shard);
  }

  /** Kafka took the shard away (revoked or lost): nothing more is written for it from here. */
  void revoked(int shard) {
    owned.remove(shard);
    epochs.remove(shard);
  }

  /**
   * The epoch under which this consumer writes the shard, taking it over (raising the epoch) on its
   * first batch since the assignment. {@code anyway} takes it over without an assignment (a
   * projector driven by hand, as the benchmark's naive one).
   */
  long lease(int shard, boolean anyway) {
    Long epoch = epochs.get(shard);
    if (epoch != null) {
      return epoch;
    }
    if (!anyway && !owned.contains(shard)) {
      throw new FencedException(shard, "this consumer is not assigned the shard");
    }
    Document d =
        shards.findOneAndUpdate(
            eq("_id", key(shard)),
            Updates.inc("epoch", 1L),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    long taken = d.get("epoch", Number.class).longValue();
    epochs.put(shard, taken);
    return taken;
  }

  State state(int shard) {
    Document d = shards.find(eq("_id", key(shard))).first();
    if (d == null) {
      return new State(0, 0, 0, null);
    }
    Document i = d.get("inflight", Document.class);
    Intent inflight = null;
    if (i != null) {
      List<OwnerRef> owners = new ArrayList<>();
      for (Document o : i.getList("owners", Document.class, List.of())) {
        owners.add(new OwnerRef(o.getString("c"), o.getString("id")));
      }
      Map<String, Document> causes = new java.util.HashMap<>();
      i.get("causes", new Document()).forEach((k, v) -> causes.put(k, (Document) v));
      inflight = new Intent(number(i, "n"), owners, causes);
    }
    return new State(number(d, "epoch"), number(d, "seq"), number(d, "done"), inflight);
  }

  /** Records the intent of batch {@code n}; fenced when the epoch is no longer this consumer's. */
  void begin(int shard, long epoch, Intent intent) {
    List<Document> owners = new ArrayList<>();
    intent
        .owners()
        .forEach(o -> owners.add(new Document("c", o.collection()).append("id", o.id())));
    Document causes = new Document();
    intent.causes().forEach(causes::append);
    guarded(
        shard,
        epoch,
        Updates.combine(
            Updates.set("seq", intent.n()),
            Updates.set(
                "inflight",
                new Document("n", intent.n()).append("owners", owners).append("causes", causes))),
        "begin batch " + intent.n());
  }

  /** Fails when another consumer has taken the shard over since this one did. */
  void check(int shard, long epoch) {
    guarded(shard, epoch, Updates.set("checkedAt", Date.from(Instant.now())), "write");
  }

  /**
   * Fails when another consumer has taken any of these shards (shard to the epoch this one holds)
   * over since this one did: one read of their documents.
   */
  void check(Map<Integer, Long> held) {
    if (held.size() == 1) {
      held.forEach(this::check);
      return;
    }
    Map<String, Long> found = new java.util.HashMap<>();
    List<String> keys = held.keySet().stream().map(ShardLedger::key).toList();
    shards
        .find(in("_id", keys))
        .projection(new Document("epoch", 1))
        .forEach(d -> found.put(d.getString("_id"), number(d, "epoch")));
    held.forEach(
        (shard, epoch) -> {
          if (!epoch.equals(found.get(key(shard)))) {
            fence(shard, "write");
          }
        });
  }

  /** Batch {@code n} is complete: its intent goes, positions move forward only. */
  void done(int shard, long epoch, long n, Map<String, Long> positions) {
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.max("done", n));
    updates.add(Updates.unset("inflight"));
    positions.forEach((p, o) -> updates.add(Updates.max("applied." + p, o)));
    guarded(shard, epoch, Updates.combine(updates), "complete batch " + n);
  }

  private void guarded(int shard, long epoch, Bson update, String what) {
    // _id at the top level (not under $and): looked up by id, not by a scan
    Document ours = new Document("_id", key(shard)).append("epoch", epoch);
    if (shards.updateOne(ours, update).getMatchedCount() == 0) {
      fence(shard, what);
    }
  }

  private void fence(int shard, String what) {
    // not ours any more: no taking it over again before Kafka assigns it anew
    owned.remove(shard);
    epochs.remove(shard);
    throw new FencedException(shard, "another consumer took the shard over; cannot " + what);
  }

  private static String key(int shard) {
    return AppliedPositions.shardId(shard);
  }

  private static long number(Document d, String field) {
    Number n = d.get(field, Number.class);
    return n == null ? 0 : n.longValue();
  }
}
