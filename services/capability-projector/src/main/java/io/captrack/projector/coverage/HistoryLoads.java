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

  Map<String, PersonHistory> people(int shard, Set<String> personRefs) {
    return cached(shard, PEOPLE, personRefs, byte[].class, PersonHistory::thaw, people::read);
  }

  Map<String, PartnerHistory> partners(int shard, Set<String> partnerIds) {
    return cached(shard, PARTNERS, partnerIds, byte[].class, PartnerHistory::thaw, partners::read);
  }

  Map<String, RequisitionHistory> requisitions(int shard, Set<String> requisitionIds) {
    return cached(
        shard,
        REQUISITIONS,
        requisitionIds,
        RequisitionHistory.class,
        r -> r,
        ids -> load(requisitions, ids, id -> new RequisitionHistory(), RequisitionHistory::add));
  }

  /** Histories from the cache where it has them, the others read from their documents. */
  private <H, K> Map<String, H> cached(
      int shard,
      String collection,
      Set<String> ids,
      Class<K> kept,
      Function<K, H> restore,
      Function<Set<String>, Map<String, H>> read) {
    Map<String, H> found = new HashMap<>();
    cache
        .get(shard, keyed(collection, ids), kept)
        .forEach((key, k) -> found.put(key.substring(collection.length() + 1), restore.apply(k)));
    Set<String> missing = new java.util.HashSet<>(ids);
    missing.removeAll(found.keySet());
    found.putAll(read.apply(missing));
    return found;
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
