package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.in;
import static io.captrack.projector.coverage.CoverageStore.PARTNERS;
import static io.captrack.projector.coverage.CoverageStore.PEOPLE;
import static io.captrack.projector.coverage.CoverageStore.REQUISITIONS;

import com.mongodb.client.MongoCollection;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.projector.timeline.RequisitionHistory;
import io.captrack.schemas.CloudEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.bson.Document;

/**
 * The histories a batch needs (people, partners, requisitions), from the memory of earlier batches
 * ({@link HistoryCache}) where it has them, the others read from their documents; and the histories
 * a written batch leaves, remembered under their shards.
 */
final class HistoryLoads {

  private final HistoryCache cache;
  private final OwnerDocuments<PersonHistory> people;
  private final OwnerDocuments<PartnerHistory> partners;
  private final MongoCollection<Document> requisitions;
  private final StoredEvents stored;

  HistoryLoads(
      HistoryCache cache,
      OwnerDocuments<PersonHistory> people,
      OwnerDocuments<PartnerHistory> partners,
      MongoCollection<Document> requisitions,
      StoredEvents stored) {
    this.cache = cache;
    this.people = people;
    this.partners = partners;
    this.requisitions = requisitions;
    this.stored = stored;
  }

  HistoryCache cache() {
    return cache;
  }

  /** Forgets every history of the shard (assigned, revoked, or a batch of it failed). */
  void forget(int shard) {
    cache.forget(shard);
  }

  /**
   * The histories a written batch read and wrote, as the store now holds them, each under its
   * shard: people and partners as their facts' binary form ({@link PersonHistory#freeze()}, about
   * 50 bytes an event; {@link PartnerHistory#freeze()}, about 80), weighed at their length;
   * requisitions as they are (weighed at 1,200 bytes an event with their calendars).
   */
  void remember(Collection<Integer> shards, ProjectionBatch batch) {
    keep(shards, batch).run();
  }

  /**
   * The same in two steps: what to keep is made now (freezing people and partners), and remembered
   * when the returned step runs, once the batch is written.
   */
  Runnable keep(Collection<Integer> shards, ProjectionBatch batch) {
    if (cache.bound() <= 0) {
      return () -> {};
    }
    Map<Integer, List<Map<String, HistoryCache.Kept>>> kept = new HashMap<>();
    shards.forEach(shard -> kept.put(shard, keep(batch.histories(shard))));
    return () -> kept.forEach((shard, maps) -> maps.forEach(m -> cache.put(shard, m)));
  }

  private List<Map<String, HistoryCache.Kept>> keep(ProjectionBatch.Histories histories) {
    return List.of(
        HistoryCache.keeping(
            keyed(PEOPLE, histories.people()),
            PersonHistory::freeze,
            PersonHistory::size,
            frozen -> frozen.length + 64L),
        HistoryCache.keeping(
            keyed(PARTNERS, histories.partners()),
            PartnerHistory::freeze,
            PartnerHistory::size,
            frozen -> frozen.length + 64L),
        HistoryCache.keeping(
            keyed(REQUISITIONS, histories.requisitions()),
            r -> r,
            RequisitionHistory::size,
            r -> OBJECT_EVENT_BYTES * r.size()));
  }

  /** What a requisition's event takes in memory as an object, with its calendars. */
  private static final long OBJECT_EVENT_BYTES = 1_200;

  /**
   * The people each shard of a batch names: from each shard's cache where it has them, the others
   * in one read for all the shards (a live batch of three shards read them three times).
   */
  Map<Integer, Map<String, PersonHistory>> people(Map<Integer, Set<String>> byShard) {
    return cached(byShard, PEOPLE, byte[].class, PersonHistory::thaw, true, people::read);
  }

  /** As {@link #people(Map)}, for partners. */
  Map<Integer, Map<String, PartnerHistory>> partners(Map<Integer, Set<String>> byShard) {
    return cached(byShard, PARTNERS, byte[].class, PartnerHistory::thaw, true, partners::read);
  }

  /** As {@link #people(Map)}, for requisitions. */
  Map<Integer, Map<String, RequisitionHistory>> requisitions(Map<Integer, Set<String>> byShard) {
    return cached(
        byShard,
        REQUISITIONS,
        RequisitionHistory.class,
        r -> r,
        false,
        ids -> load(requisitions, ids, id -> new RequisitionHistory(), RequisitionHistory::add));
  }

  /**
   * Histories by shard: from each shard's cache where it has them, the others read from their
   * documents, in one read for every shard. {@code thawed}: memory keeps them frozen, and a batch's
   * worth is thawed on two threads; otherwise they are kept as they are, and taken on this one.
   */
  private <H, K> Map<Integer, Map<String, H>> cached(
      Map<Integer, Set<String>> byShard,
      String collection,
      Class<K> kept,
      Function<K, H> restore,
      boolean thawed,
      Function<Set<String>, Map<String, H>> read) {
    Map<Integer, Map<String, H>> found = new HashMap<>();
    Set<String> missing = new HashSet<>();
    byShard.forEach(
        (shard, ids) -> {
          Map<String, H> inShard = new HashMap<>();
          Map<String, K> inMemory = cache.get(shard, keyed(collection, ids), kept);
          (thawed
                  ? restored(inMemory, restore)
                  : restored(List.copyOf(inMemory.entrySet()), restore))
              .forEach((key, h) -> inShard.put(key.substring(collection.length() + 1), h));
          found.put(shard, inShard);
          ids.forEach(
              id -> {
                if (!inShard.containsKey(id)) {
                  missing.add(id);
                }
              });
        });
    Map<String, H> loaded = read.apply(missing);
    byShard.forEach(
        (shard, ids) -> {
          Map<String, H> inShard = found.get(shard);
          ids.forEach(
              id -> {
                H h = loaded.get(id);
                if (h != null) {
                  inShard.putIfAbsent(id, h);
                }
              });
        });
    return found;
  }

  /**
   * What memory kept, restored ({@code restore}: thawed from its frozen form, each on its own); a
   * batch's worth ({@link Helpers#WORTH_SHARING} or more) half on a helper thread, half on this
   * one.
   */
  static <H, K> Map<String, H> restored(Map<String, K> kept, Function<K, H> restore) {
    List<Map.Entry<String, K>> entries = List.copyOf(kept.entrySet());
    int split = entries.size() >= Helpers.WORTH_SHARING ? entries.size() / 2 : entries.size();
    Future<Map<String, H>> other =
        split < entries.size()
            ? Helpers.POOL.submit(() -> restored(entries.subList(split, entries.size()), restore))
            : null;
    Map<String, H> restored = restored(entries.subList(0, split), restore);
    if (other != null) {
      try {
        restored.putAll(other.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while histories were restored", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("restoring histories failed", e.getCause());
      }
    }
    return restored;
  }

  private static <H, K> Map<String, H> restored(
      List<Map.Entry<String, K>> entries, Function<K, H> restore) {
    Map<String, H> restored = new HashMap<>();
    entries.forEach(e -> restored.put(e.getKey(), restore.apply(e.getValue())));
    return restored;
  }

  private static Set<String> keyed(String collection, Set<String> ids) {
    Set<String> keys = new HashSet<>();
    ids.forEach(id -> keys.add(collection + ":" + id));
    return keys;
  }

  private static <H> Map<String, H> keyed(String collection, Map<String, H> histories) {
    Map<String, H> keys = new HashMap<>();
    histories.forEach((id, h) -> keys.put(collection + ":" + id, h));
    return keys;
  }

  /** Requisitions read back from their documents, which keep their events. */
  private <H> Map<String, H> load(
      MongoCollection<Document> collection,
      Set<String> ids,
      Function<String, H> create,
      BiConsumer<H, CloudEvent<?>> add) {
    Map<String, H> loaded = new HashMap<>();
    if (ids.isEmpty()) {
      return loaded;
    }
    // the events only: the pending changes are written, never read, here
    for (Document d : collection.find(in("_id", ids)).projection(new Document("events", 1))) {
      H history = create.apply(d.getString("_id"));
      for (Document e : d.getList("events", Document.class, List.of())) {
        add.accept(history, stored.decode(e));
      }
      loaded.put(d.getString("_id"), history);
    }
    return loaded;
  }
}
