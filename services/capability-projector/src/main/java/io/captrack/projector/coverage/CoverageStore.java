package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.AppliedPositions;
import io.captrack.platform.readmodel.CoverageCalendar;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.projector.timeline.RequisitionHistory;
import io.captrack.schemas.CloudEventCodec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The read model in MongoDB: {@code coverage} (one document per capability) and {@code
 * coverage_months} (one per capability and month), which hold each capability's figures as a
 * calendar of changes by effective date ({@link CoverageCalendar}), {@code people} and {@code
 * partners} (each one's profile and the numbers of the batches that added its events) with {@code
 * person_events} and {@code partner_events} (one document per owner and batch: the events it added
 * and their changes to coverage, see {@link OwnerDocuments}), {@code requisitions} (each one's
 * events, from which the pipeline is derived, with the changes the last batch made to coverage),
 * {@code event_owners} (which person an event concerns, for voids), {@code expiries} and {@code
 * shards} (the fence and journal of each partition number, see {@link BatchWriter} for the order of
 * writes).
 */
public class CoverageStore {

  public static final String COVERAGE = "coverage";
  public static final String PEOPLE = "people";
  public static final String PERSON_EVENTS = "person_events";
  public static final String PARTNER_EVENTS = "partner_events";
  public static final String OWNERS = "event_owners";
  public static final String PARTNERS = "partners";
  public static final String EXPIRIES = "expiries";
  public static final String REQUISITIONS = "requisitions";
  public static final String SHARDS = AppliedPositions.SHARDS;
  public static final String MONTHS = CoverageCalendar.MONTHS_COLLECTION;

  /** Every collection of one read-model generation. */
  public static final List<String> COLLECTIONS =
      List.of(
          COVERAGE,
          MONTHS,
          PEOPLE,
          PERSON_EVENTS,
          OWNERS,
          PARTNERS,
          PARTNER_EVENTS,
          EXPIRIES,
          REQUISITIONS,
          SHARDS);

  private final MongoCollection<Document> coverage;
  private final MongoCollection<Document> months;
  private final OwnerDocuments<PersonHistory> people;
  private final MongoCollection<Document> owners;
  private final OwnerDocuments<PartnerHistory> partners;
  private final MongoCollection<Document> expiries;
  private final MongoCollection<Document> requisitions;
  private final Outbox outbox;
  private final StoredEvents stored;
  private final ShardLedger ledger;
  private final ExpiryWrites expiryWrites;

  private final HistoryLoads histories;
  private final CapabilityReads capabilityReads;

  /** The read model of one generation (see {@link ReadModel}), histories not cached. */
  public CoverageStore(
      MongoDatabase database, String generation, Outbox outbox, CloudEventCodec codec) {
    this(database, generation, outbox, codec, 0);
  }

  /**
   * The read model of one generation, keeping histories in memory between batches up to about
   * {@code cachedBytes} ({@link HistoryCache}).
   */
  public CoverageStore(
      MongoDatabase database,
      String generation,
      Outbox outbox,
      CloudEventCodec codec,
      long cachedBytes) {
    this.coverage = database.getCollection(ReadModel.name(generation, COVERAGE));
    this.months = database.getCollection(ReadModel.name(generation, MONTHS));
    this.stored = new StoredEvents(codec);
    this.people =
        new OwnerDocuments<>(
            PEOPLE,
            database.getCollection(ReadModel.name(generation, PEOPLE)),
            database.getCollection(ReadModel.name(generation, PERSON_EVENTS)),
            stored,
            id -> new PersonHistory(),
            PersonHistory::add,
            Profiles::of);
    this.owners = database.getCollection(ReadModel.name(generation, OWNERS));
    this.partners =
        new OwnerDocuments<>(
            PARTNERS,
            database.getCollection(ReadModel.name(generation, PARTNERS)),
            database.getCollection(ReadModel.name(generation, PARTNER_EVENTS)),
            stored,
            PartnerHistory::new,
            PartnerHistory::add,
            Profiles::of);
    this.expiries = database.getCollection(ReadModel.name(generation, EXPIRIES));
    this.requisitions = database.getCollection(ReadModel.name(generation, REQUISITIONS));
    this.histories =
        new HistoryLoads(new HistoryCache(cachedBytes), people, partners, requisitions, stored);
    this.capabilityReads = new CapabilityReads(coverage, months);
    this.ledger = new ShardLedger(database.getCollection(ReadModel.name(generation, SHARDS)));
    this.expiryWrites = new ExpiryWrites(expiries);
    this.outbox = outbox;
  }

  ShardLedger ledger() {
    return ledger;
  }

  /** Kafka assigned this consumer a partition number: it may take the shard over. */
  public void assigned(int shard) {
    histories.forget(shard);
    ledger.assigned(shard);
  }

  /** Kafka took a partition number away: nothing more is written for it from here. */
  public void revoked(int shard) {
    histories.forget(shard);
    ledger.revoked(shard);
  }

  /** The histories of a batch that failed may differ from their documents. */
  void forget(Collection<Integer> shards) {
    shards.forEach(histories::forget);
  }

  /** The histories a written batch read and wrote, see {@link HistoryLoads#remember}. */
  void remember(Collection<Integer> shards, ProjectionBatch batch) {
    histories.remember(shards, batch);
  }

  /** The same in two steps, see {@link HistoryLoads#keep}. */
  Runnable keep(Collection<Integer> shards, ProjectionBatch batch) {
    return histories.keep(shards, batch);
  }

  /**
   * Bounds this generation's memory of histories anew, to about {@code bytes}: its share of the
   * projector's budget while another generation is built beside it.
   */
  public void boundMemory(long bytes) {
    histories.cache().bound(bytes);
  }

  /** Creates a coverage document for every capability of the taxonomy, keeping existing figures. */
  public void seed(Taxonomy taxonomy) {
    expiries.createIndex(Indexes.ascending("holder"));
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

  Map<String, String> loadOwners(Set<String> eventIds) {
    Map<String, String> found = new HashMap<>();
    if (!eventIds.isEmpty()) {
      owners
          .find(in("_id", eventIds))
          .forEach(d -> found.put(d.getString("_id"), d.getString("personRef")));
    }
    return found;
  }

  Map<String, PersonHistory> loadPeople(int shard, Set<String> personRefs) {
    return histories.people(shard, personRefs);
  }

  Map<String, PartnerHistory> loadPartners(int shard, Set<String> partnerIds) {
    return histories.partners(shard, partnerIds);
  }

  Map<String, RequisitionHistory> loadRequisitions(int shard, Set<String> requisitionIds) {
    return histories.requisitions(shard, requisitionIds);
  }

  /**
   * The capabilities' documents, each with its month documents of the given days (a batch reads
   * today's figures before and after it; the day tick two days'), see {@link CapabilityReads}.
   */
  Map<String, CapabilityState> loadCapabilities(Set<String> ids, Set<LocalDate> days) {
    return capabilityReads.load(ids, days);
  }

  /**
   * Counts this store's memory in {@code captrack_projector_history_cache_total{generation,result}}
   * (histories a batch found in memory or read from MongoDB), {@code
   * captrack_projector_history_cache_events{generation}} (events held), {@code
   * captrack_projector_history_cache_bytes{generation}} (their estimated memory), {@code
   * captrack_projector_history_cache_bound_bytes{generation}} (the generation's share of the
   * budget) and {@code captrack_projector_month_memory_total{generation,result}} (month documents
   * served from memory or read).
   */
  public void bindTo(MeterRegistry meters, String generation) {
    HistoryCache cache = histories.cache();
    for (int i = 0; i < 2; i++) {
      int which = i;
      String result = i == 0 ? "hit" : "miss";
      FunctionCounter.builder(
              "captrack.projector.history.cache", cache, c -> c.hitsAndMisses()[which])
          .description("Histories a batch found in the projector's memory (hit) or read (miss)")
          .tags("generation", generation, "result", result)
          .register(meters);
      FunctionCounter.builder(
              "captrack.projector.month.memory",
              capabilityReads,
              m -> m.monthHitsAndMisses()[which])
          .description("Month documents of coverage served from the projector's memory or read")
          .tags("generation", generation, "result", result)
          .register(meters);
    }
    Gauge.builder("captrack.projector.history.cache.events", cache, HistoryCache::events)
        .description("Events of histories held in the projector's memory")
        .tag("generation", generation)
        .register(meters);
    Gauge.builder("captrack.projector.history.cache.bound", cache, HistoryCache::bound)
        .description(
            "Bytes the histories held in the projector's memory may take: this generation's share"
                + " of captrack.projector.cache.max-mib")
        .tag("generation", generation)
        .baseUnit("bytes")
        .register(meters);
    Gauge.builder("captrack.projector.history.cache.bytes", cache, HistoryCache::bytes)
        .description("Bytes the histories held in the projector's memory take, as estimated")
        .tag("generation", generation)
        .baseUnit("bytes")
        .register(meters);
  }

  /** Months served from this store's memory and read from MongoDB since start. */
  long[] monthHitsAndMisses() {
    return capabilityReads.monthHitsAndMisses();
  }

  /**
   * Which person each new event concerns (for voids): immutable, so written first, as inserts. An
   * event already known (a record redelivered after a crash) keeps its first owner: its insert
   * fails on its id and changes nothing. Built now, sent when the returned step runs.
   */
  Runnable eventOwnerWrites(ProjectionBatch batch) {
    List<InsertOneModel<Document>> inserts = new ArrayList<>();
    batch
        .newOwners()
        .forEach(
            (eventId, ref) ->
                inserts.add(
                    new InsertOneModel<>(new Document("_id", eventId).append("personRef", ref))));
    return () -> writeOnce(owners, inserts);
  }

  /**
   * The events a batch added to its people, with the changes they made to coverage, see {@link
   * OwnerDocuments#eventWrites}.
   */
  Runnable personEventWrites(ProjectionBatch batch, Map<Integer, Long> numbers) {
    return people.eventWrites(batch, batch.dirtyPeople().keySet(), numbers);
  }

  /** The same for its partners. */
  Runnable partnerEventWrites(ProjectionBatch batch, Map<Integer, Long> numbers) {
    return partners.eventWrites(batch, batch.dirtyPartners().keySet(), numbers);
  }

  /** The people documents of a batch, see {@link OwnerDocuments#writes}. */
  Runnable peopleWrites(ProjectionBatch batch, Map<Integer, Long> numbers) {
    return people.writes(batch, batch.dirtyPeople(), numbers);
  }

  /**
   * The partner documents of a batch (see {@link OwnerDocuments#writes}), and its requisition
   * documents with their new events and their pending deltas under the batch's number for their
   * shard ({@code numbers}: shard to number).
   */
  Runnable partnerAndRequisitionWrites(ProjectionBatch batch, Map<Integer, Long> numbers) {
    Runnable partnerWrites = partners.writes(batch, batch.dirtyPartners(), numbers);
    Runnable requisitionWrites = requisitionWrites(batch, numbers);
    if (partnerWrites == Encoded.NOTHING && requisitionWrites == Encoded.NOTHING) {
      return Encoded.NOTHING;
    }
    return () -> {
      partnerWrites.run();
      requisitionWrites.run();
    };
  }

  /**
   * What people and partners of the batch have that ends on a known day, see {@link ExpiryWrites}.
   */
  Runnable expiryWrites(ProjectionBatch batch) {
    return expiryWrites.writes(batch);
  }

  /**
   * Rewrites the expiries of owners from their stored histories (completing an interrupted batch),
   * removing what they no longer have.
   */
  void rewriteExpiries(Map<String, PersonHistory> people, Map<String, PartnerHistory> partners) {
    expiryWrites.rewrite(people, partners);
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
      capabilityReads.writing(batch.dirtyCapabilities());
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
        capabilityReads.wrote(c, numbers, now);
      }
    }
  }

  /**
   * Guarded upserts, or inserts: one that does not match because its document has the batch already
   * tries to insert that document again and fails on the duplicate id, which is what "applied once"
   * means.
   */
  private static void writeOnce(
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

  private static final int DUPLICATE_KEY = 11000;

  /**
   * The deltas that owner documents carry for batch {@code n}, summed per capability; with the
   * histories of the people and partners among them.
   */
  Map<String, Calendar> pendingOf(
      List<ShardLedger.OwnerRef> refs,
      long n,
      Map<String, PersonHistory> peopleOut,
      Map<String, PartnerHistory> partnersOut) {
    Map<String, Calendar> sums = new TreeMap<>();
    Map<String, List<String>> byCollection = new HashMap<>();
    refs.forEach(
        r -> byCollection.computeIfAbsent(r.collection(), c -> new ArrayList<>()).add(r.id()));
    byCollection.forEach(
        (name, ids) -> {
          if (name.equals(PEOPLE)) {
            peopleOut.putAll(people.read(ids, n, sums));
          } else if (name.equals(PARTNERS)) {
            partnersOut.putAll(partners.read(ids, n, sums));
          } else {
            for (Document d : requisitions.find(in("_id", ids))) {
              PendingDeltas.addTo(d.get("pending", Document.class), n, sums);
            }
          }
        });
    return sums;
  }

  /**
   * One update per changed requisition document: the events the batch added appended and the
   * batch's pending deltas set. The events already stored are not sent again; a repeated append (a
   * zombie's, within the limit README states) only repeats events that loading ignores by id.
   */
  private Runnable requisitionWrites(ProjectionBatch batch, Map<Integer, Long> numbers) {
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    batch
        .dirtyRequisitions()
        .keySet()
        .forEach(
            id -> {
              String owner = REQUISITIONS + ":" + id;
              long n = batch.numberOf(owner, numbers);
              writes.add(
                  Encoded.upsert(
                      requisitions,
                      eq("_id", id),
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
}
