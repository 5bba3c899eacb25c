package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.captrack.platform.readmodel.AppliedPositions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  /** A shard's state as this consumer's last batch of it left it, done: no need to read it back. */
  private final Map<Integer, State> known = new ConcurrentHashMap<>();

  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

  ShardLedger(MongoCollection<Document> shards) {
    this.shards = shards;
  }

  /** Kafka assigned the shard to this consumer: it may take it over. */
  void assigned(int shard) {
    owned.add(shard);
    epochs.remove(shard);
    known.remove(shard);
  }

  /** Kafka took the shard away (revoked or lost): nothing more is written for it from here. */
  void revoked(int shard) {
    owned.remove(shard);
    epochs.remove(shard);
    known.remove(shard);
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

  /**
   * The shard's state: as this consumer's last batch of it left it, when that batch was marked done
   * under the epoch it still holds (any other writer would have raised the epoch first, and the
   * next guarded write finds that out), otherwise read.
   */
  State state(int shard) {
    State mine = known.get(shard);
    if (mine != null && epochs.containsKey(shard) && mine.epoch() == epochs.get(shard)) {
      return mine;
    }
    Document d = shards.find(eq("_id", key(shard))).first();
    if (d == null) {
      return new State(0, 0, 0, null);
    }
    Document i = d.get("inflight", Document.class);
    Intent inflight = null;
    if (i != null) {
      List<OwnerRef> owners = ownersOf(i.get("owners"));
      Map<String, Document> causes = new java.util.HashMap<>();
      i.get("causes", new Document()).forEach((k, v) -> causes.put(k, (Document) v));
      inflight = new Intent(number(i, "n"), owners, causes);
    }
    return new State(number(d, "epoch"), number(d, "seq"), number(d, "done"), inflight);
  }

  /**
   * An intent's owner documents as one array of ids per collection: {@code {people: [...],
   * partners: [...], requisitions: [...]}}. A batch names a few thousand, and a document per owner
   * cost the server a document to copy and compare for each, twice per batch (the intent, then its
   * removal), where an array of strings costs it a reference each.
   */
  static Document ownersDocument(List<OwnerRef> owners) {
    Map<String, List<String>> byCollection = new TreeMap<>();
    owners.forEach(
        o -> byCollection.computeIfAbsent(o.collection(), c -> new ArrayList<>()).add(o.id()));
    Document document = new Document();
    byCollection.forEach(document::append);
    return document;
  }

  /**
   * The owner documents an intent names, from {@link #ownersDocument} or, as intents written before
   * 2026-12-03 hold them, a list of {@code {c: <collection>, id: <id>}}.
   */
  static List<OwnerRef> ownersOf(Object stored) {
    List<OwnerRef> owners = new ArrayList<>();
    if (stored instanceof Document byCollection) {
      byCollection.forEach(
          (collection, ids) -> {
            for (Object id : (List<?>) ids) {
              owners.add(new OwnerRef(collection, (String) id));
            }
          });
    } else if (stored instanceof List<?> list) {
      for (Object o : list) {
        Document d = (Document) o;
        owners.add(new OwnerRef(d.getString("c"), d.getString("id")));
      }
    }
    return owners;
  }

  /** Records the intent of batch {@code n}; fenced when the epoch is no longer this consumer's. */
  void begin(int shard, long epoch, Intent intent) {
    begin(Map.of(shard, epoch), Map.of(shard, intent));
  }

  /**
   * Records each shard's intent (shard to epoch held, shard to intent) in one bulk write; fenced
   * when any shard's epoch is no longer this consumer's (the others' intents are then recorded:
   * their next batch completes them).
   */
  void begin(Map<Integer, Long> held, Map<Integer, Intent> intents) {
    Map<Integer, Bson> updates = new TreeMap<>();
    intents.forEach(
        (shard, intent) -> {
          known.remove(shard);
          Document causes = new Document();
          intent.causes().forEach(causes::append);
          updates.put(
              shard,
              Updates.combine(
                  Updates.set("seq", intent.n()),
                  Updates.set(
                      "inflight",
                      new Document("n", intent.n())
                          .append("owners", ownersDocument(intent.owners()))
                          .append("causes", causes))));
        });
    guarded(held, updates, "begin a batch");
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
    done(Map.of(shard, epoch), Map.of(shard, n), Map.of(shard, positions));
  }

  /**
   * Each shard's batch is complete (shard to epoch held, to batch number, to the positions its
   * records reach), in one bulk write: intents go, positions move forward only.
   */
  void done(
      Map<Integer, Long> held, Map<Integer, Long> numbers, Map<Integer, Map<String, Long>> reach) {
    Map<Integer, Bson> updates = new TreeMap<>();
    numbers.forEach(
        (shard, n) -> {
          List<Bson> update = new ArrayList<>();
          update.add(Updates.max("done", n));
          update.add(Updates.unset("inflight"));
          reach
              .getOrDefault(shard, Map.of())
              .forEach((p, o) -> update.add(Updates.max("applied." + p, o)));
          updates.put(shard, Updates.combine(update));
        });
    guarded(held, updates, "complete a batch");
    numbers.forEach((shard, n) -> known.put(shard, new State(held.get(shard), n, n, null)));
  }

  /**
   * One guarded update per shard in one bulk write; when fewer matched than were sent, each shard
   * is checked on its own to tell which one another consumer took over.
   */
  private void guarded(Map<Integer, Long> held, Map<Integer, Bson> updates, String what) {
    if (updates.size() == 1) {
      updates.forEach((shard, update) -> guarded(shard, held.get(shard), update, what));
      return;
    }
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    updates.forEach(
        (shard, update) ->
            writes.add(
                new UpdateOneModel<>(
                    new Document("_id", key(shard)).append("epoch", held.get(shard)), update)));
    if (shards.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount()
        < writes.size()) {
      updates
          .keySet()
          .forEach(
              shard ->
                  guarded(
                      shard,
                      held.get(shard),
                      Updates.set("checkedAt", Date.from(Instant.now())),
                      what));
    }
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
    known.remove(shard);
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
