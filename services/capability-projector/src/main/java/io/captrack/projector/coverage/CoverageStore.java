package io.captrack.projector.coverage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
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

/**
 * The read model in MongoDB: {@code coverage} (one document per capability) and {@code
 * coverage_months} (one per capability and month), which hold each capability's figures as a
 * calendar of changes by effective date ({@link CoverageCalendar}), {@code people} and {@code
 * partners} (each one's profile and the numbers of the batches that added its events) with {@code
 * person_events} and {@code partner_events} (one document per owner and batch: the events it added
 * and their changes to coverage, see {@link OwnerDocuments}), {@code requisitions} (each one's
 * events, from which the pipeline is derived, with the changes the last batch made to coverage),
 * {@code expiries} and {@code shards} (the fence and journal of each partition number, see {@link
 * BatchWriter} for the order of writes).
 */
public class CoverageStore {

  public static final String COVERAGE = "coverage";
  public static final String PEOPLE = "people";
  public static final String PERSON_EVENTS = "person_events";
  public static final String PARTNER_EVENTS = "partner_events";

  /**
   * Which person each event concerned, for voids, in generations written before voids joined the
   * person they are keyed by; no longer written nor read, dropped with its generation.
   */
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

  private final OwnerDocuments<PersonHistory> people;
  private final OwnerDocuments<PartnerHistory> partners;
  private final MongoCollection<Document> expiries;
  private final RequisitionDocuments requisitions;
  private final ShardLedger ledger;
  private final ExpiryWrites expiryWrites;

  private final HistoryLoads histories;
  private final CapabilityReads capabilityReads;
  private final CoverageWrites coverageWrites;

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
    MongoCollection<Document> coverage =
        database.getCollection(ReadModel.name(generation, COVERAGE));
    MongoCollection<Document> months = database.getCollection(ReadModel.name(generation, MONTHS));
    StoredEvents stored = new StoredEvents(codec);
    this.people =
        new OwnerDocuments<>(
            PEOPLE,
            database.getCollection(ReadModel.name(generation, PEOPLE)),
            database.getCollection(ReadModel.name(generation, PERSON_EVENTS)),
            stored,
            id -> new PersonHistory(),
            PersonHistory::add,
            Profiles::of,
            PersonHistory::waitingVoids);
    this.partners =
        new OwnerDocuments<>(
            PARTNERS,
            database.getCollection(ReadModel.name(generation, PARTNERS)),
            database.getCollection(ReadModel.name(generation, PARTNER_EVENTS)),
            stored,
            PartnerHistory::new,
            PartnerHistory::add,
            Profiles::of,
            PartnerHistory::waitingVoids);
    this.expiries = database.getCollection(ReadModel.name(generation, EXPIRIES));
    MongoCollection<Document> requisitionDocuments =
        database.getCollection(ReadModel.name(generation, REQUISITIONS));
    this.requisitions = new RequisitionDocuments(requisitionDocuments, stored);
    this.histories =
        new HistoryLoads(
            new HistoryCache(cachedBytes), people, partners, requisitionDocuments, stored);
    this.capabilityReads = new CapabilityReads(coverage, months);
    this.coverageWrites = new CoverageWrites(coverage, months, outbox, capabilityReads);
    this.ledger = new ShardLedger(database.getCollection(ReadModel.name(generation, SHARDS)));
    this.expiryWrites = new ExpiryWrites(expiries);
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
    // the few owners with voids that wait, found without reading the others (VoidWatch)
    people.indexVoidsThatWait();
    partners.indexVoidsThatWait();
    coverageWrites.seed(taxonomy);
  }

  /** The people each shard names, from memory or in one read for all the shards. */
  Map<Integer, Map<String, PersonHistory>> loadPeople(Map<Integer, Set<String>> byShard) {
    return histories.people(byShard);
  }

  /** The partners each shard names, from memory or in one read for all the shards. */
  Map<Integer, Map<String, PartnerHistory>> loadPartners(Map<Integer, Set<String>> byShard) {
    return histories.partners(byShard);
  }

  /** The requisitions each shard names, from memory or in one read for all the shards. */
  Map<Integer, Map<String, RequisitionHistory>> loadRequisitions(
      Map<Integer, Set<String>> byShard) {
    return histories.requisitions(byShard);
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
    StoreMeters.bind(meters, generation, histories.cache(), capabilityReads);
  }

  /** Months served from this store's memory and read from MongoDB since start. */
  long[] monthHitsAndMisses() {
    return capabilityReads.monthHitsAndMisses();
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
    Runnable requisitionWrites = requisitions.writes(batch, numbers);
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

  /** A batch's month documents, see {@link CoverageWrites#monthWrites}. */
  Runnable monthWrites(Map<Integer, Long> numbers, ProjectionBatch batch, boolean completing) {
    return coverageWrites.monthWrites(numbers, batch, completing);
  }

  /** Then its capability documents, see {@link CoverageWrites#writeCapabilities}. */
  void writeCapabilities(Map<Integer, Long> numbers, ProjectionBatch batch, Instant now) {
    coverageWrites.writeCapabilities(numbers, batch, now);
  }

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
            requisitions.addPending(ids, n, sums);
          }
        });
    return sums;
  }
}
