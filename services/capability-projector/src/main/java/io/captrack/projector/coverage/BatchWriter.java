package io.captrack.projector.coverage;

import io.captrack.platform.ServiceIdentity;
import io.captrack.projector.system.CrashPoints;
import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.schemas.capability.Cause;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The order in which a batch reaches MongoDB, and how an interrupted one is completed. A batch is
 * what one poll brought, of one or more shards (partition numbers); each shard has its own ledger
 * entry and its own sequence of batch numbers, and the batch writes every document it touches once,
 * whichever shards changed it.
 *
 * <ol>
 *   <li>intent in each shard's ledger: the shard's batch number, the owner documents of that shard
 *       it will write, the first cause per capability (fenced: fails when another consumer took the
 *       shard over);
 *   <li>the new events of people and partners (one document per owner and batch, with the owner's
 *       deltas to coverage for this batch, {@code pending}), then people, then partners (each
 *       naming its new batch document), and requisitions (their events appended, their deltas for
 *       this batch);
 *   <li>expiries of those people and partners;
 *   <li>coverage: every capability's summed deltas by day into its month documents, then its
 *       totals, targets, positions and change events into its own document, applied once per batch
 *       number ({@code seq.<shard>} for each of the batch's shards, in one update: in the
 *       capability document, and in the month documents when a batch is completed);
 *   <li>done in each shard's ledger.
 * </ol>
 *
 * Each step that has anything to write first checks the epochs, so a consumer that lost a shard
 * stops before its next write, and marks none of the batch's shards done. A crash anywhere leaves
 * either nothing (before the intent) or an intent per shard that the next owner of each shard
 * completes before anything else: it sums the deltas the shard's written owner documents carry, or
 * name, for its batch number, rewrites their expiries and applies the sums to coverage, where an
 * earlier application of the same batch number is refused. Since a shared document took all of a
 * batch's shards in one update or none, each shard's completion applies exactly its own share to
 * the documents the batch did not reach. Records redelivered after the crash change nothing twice,
 * since an owner document that holds an event ignores it.
 */
@Component
class BatchWriter {

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  /**
   * The write-ahead lane of the steps that read the batch's histories (people, partners and
   * requisitions, expiries, what memory keeps), and that of the steps that read only its events,
   * deltas and capability changes (event documents, months).
   */
  private static final int HISTORIES = 0;

  private static final int EVENTS = 1;

  private final CrashPoints crashPoints;
  private final ServiceIdentity identity;
  private final Clock clock;
  private final BatchSteps steps;

  BatchWriter(CrashPoints crashPoints, ServiceIdentity identity, Clock clock, BatchSteps steps) {
    this.steps = steps;
    this.crashPoints = crashPoints;
    this.identity = identity;
    this.clock = clock;
  }

  /**
   * One shard's part of a batch: the shard, the epoch this consumer holds it under, the batch's
   * number in the shard's sequence and the positions its records reach.
   */
  record ShardPart(int shard, long epoch, long n, Map<String, Long> positions) {}

  /**
   * Writes a batch of one or more shards, step by step, each step once for all of them and after
   * checking every shard's epoch. Each shard records its own intent (its owner documents, its
   * number) and is marked done on its own; shared documents (months, capabilities) take every
   * shard's number in one update, so a document has all of a batch's shards or none of them. A
   * batch of {@link Helpers#WORTH_SHARING} {@code records} or more has its steps built ahead on two
   * helper threads ({@link WriteAhead}); a smaller one builds each when it sends it.
   */
  void write(List<ShardPart> parts, ProjectionBatch batch, int records, CoverageStore store) {
    ShardLedger ledger = store.ledger();
    Map<Integer, Long> numbers = new TreeMap<>();
    Map<Integer, Long> epochs = new TreeMap<>();
    Map<Integer, List<ShardLedger.OwnerRef>> owners = new TreeMap<>();
    for (ShardPart p : parts) {
      numbers.put(p.shard(), p.n());
      epochs.put(p.shard(), p.epoch());
      owners.put(p.shard(), new ArrayList<>());
    }
    addOwners(owners, batch, CoverageStore.PEOPLE, batch.dirtyPeople().keySet());
    addOwners(owners, batch, CoverageStore.PARTNERS, batch.dirtyPartners().keySet());
    addOwners(owners, batch, CoverageStore.REQUISITIONS, batch.dirtyRequisitions().keySet());
    batch.finish();
    Map<String, Document> causes = new HashMap<>();
    for (CapabilityState c : batch.dirtyCapabilities()) {
      if (c.announcing() && !c.causes().isEmpty()) {
        Cause first = c.causes().get(0);
        causes.put(
            c.capabilityId(),
            new Document("id", first.eventId())
                .append("type", first.eventType())
                .append("source", first.source())
                .append("time", c.causeTime().toString())
                .append("count", c.causeCount()));
      }
    }
    try (WriteAhead ahead = new WriteAhead(2)) {
      // built on helper threads while the steps before them are sent; sent in this order. The
      // histories' lane (their profiles, expiries and frozen forms; a history caches what it
      // computes, so one thread reads them) builds the people while the events' lane's steps go
      Future<Runnable> personEvents =
          ahead.build(EVENTS, () -> store.personEventWrites(batch, numbers));
      Future<Runnable> partnerEvents =
          ahead.build(EVENTS, () -> store.partnerEventWrites(batch, numbers));
      Future<Runnable> people = ahead.build(HISTORIES, () -> store.peopleWrites(batch, numbers));
      Future<Runnable> partners =
          ahead.build(HISTORIES, () -> store.partnerAndRequisitionWrites(batch, numbers));
      Future<Runnable> expiries = ahead.build(HISTORIES, () -> store.expiryWrites(batch));
      Future<Runnable> months = ahead.build(EVENTS, () -> store.monthWrites(numbers, batch, false));
      // what memory keeps of the batch's histories for the next batch, kept once it is written
      Future<Runnable> keep = ahead.build(HISTORIES, () -> store.keep(numbers.keySet(), batch));
      if (records >= Helpers.WORTH_SHARING) {
        ahead.start();
      }
      long t = System.nanoTime();
      Map<Integer, ShardLedger.Intent> intents = new TreeMap<>();
      // the batch's causes in every shard's intent: a completed shard announces with them
      parts.forEach(
          p ->
              intents.put(p.shard(), new ShardLedger.Intent(p.n(), owners.get(p.shard()), causes)));
      ledger.begin(epochs, intents);
      t = steps.done("intent", t);
      crashPoints.reached(CrashPoints.AFTER_INTENT);
      // the intents' own writes checked the epochs
      ahead.take(personEvents).run();
      t = steps.done("person-events", t);
      crashPoints.reached(CrashPoints.AFTER_PERSON_EVENTS);
      // unnamed events are no one's history yet: checked once, before the first document names them
      ahead.take(partnerEvents).run();
      t = steps.done("partner-events", t);
      crashPoints.reached(CrashPoints.AFTER_PARTNER_EVENTS);
      checkedThenSent(ledger, epochs, ahead.take(people));
      t = steps.done("people", t);
      crashPoints.reached(CrashPoints.AFTER_PEOPLE);
      checkedThenSent(ledger, epochs, ahead.take(partners));
      t = steps.done("partners", t);
      crashPoints.reached(CrashPoints.AFTER_OWNERS);
      checkedThenSent(ledger, epochs, ahead.take(expiries));
      t = steps.done("expiries", t);
      crashPoints.reached(CrashPoints.AFTER_EXPIRIES);
      checkedThenSent(ledger, epochs, ahead.take(months));
      t = steps.done("months", t);
      crashPoints.reached(CrashPoints.AFTER_MONTHS);
      store.writeCapabilities(numbers, batch, clock.instant());
      t = steps.done("capabilities", t);
      crashPoints.reached(CrashPoints.AFTER_COVERAGE);
      Map<Integer, Map<String, Long>> reach = new TreeMap<>();
      parts.forEach(p -> reach.put(p.shard(), p.positions()));
      ledger.done(epochs, numbers, reach);
      steps.done("done", t);
      ahead.take(keep).run();
    }
    crashPoints.reached(CrashPoints.AFTER_DONE);
  }

  /**
   * Sends a built step once the epochs are checked. A step with nothing to send needs no check: the
   * next step that writes checks first (a live batch of one person's hire has no partners and no
   * expiries, two round trips of about fourteen).
   */
  private static void checkedThenSent(
      ShardLedger ledger, Map<Integer, Long> epochs, Runnable step) {
    if (step != Encoded.NOTHING) {
      ledger.check(epochs);
    }
    step.run();
  }

  private static void addOwners(
      Map<Integer, List<ShardLedger.OwnerRef>> owners,
      ProjectionBatch batch,
      String collection,
      Set<String> ids) {
    for (String id : ids) {
      int shard = batch.shardOf(collection + ":" + id);
      List<ShardLedger.OwnerRef> of = owners.get(shard);
      if (of == null) {
        throw new IllegalStateException(
            "owner " + collection + ":" + id + " is of shard " + shard + ", not of the batch");
      }
      of.add(ref(collection, id));
    }
  }

  /** Completes a batch that began under an earlier owner of the shard (or an earlier attempt). */
  void complete(
      int shard, long epoch, ShardLedger.Intent intent, CoverageStore store, boolean announce) {
    ShardLedger ledger = store.ledger();
    Map<String, PersonHistory> people = new HashMap<>();
    Map<String, PartnerHistory> partners = new HashMap<>();
    Map<String, Calendar> sums = store.pendingOf(intent.owners(), intent.n(), people, partners);
    ledger.check(shard, epoch);
    store.rewriteExpiries(people, partners);
    LocalDate today = LocalDate.now(clock);
    ProjectionBatch batch =
        new ProjectionBatch(
            store.loadCapabilities(sums.keySet(), Set.of(today)),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            identity.source(),
            today,
            announce);
    sums.forEach((c, delta) -> batch.recovered(c, delta, cause(intent.causes().get(c))));
    batch.finish();
    ledger.check(shard, epoch);
    store.monthWrites(Map.of(shard, intent.n()), batch, true).run();
    store.writeCapabilities(Map.of(shard, intent.n()), batch, clock.instant());
    ledger.done(shard, epoch, intent.n(), Map.of());
    log.warn(
        "completed batch {} of shard {}, interrupted after its intent: {} owner documents,"
            + " deltas to {} capabilities",
        intent.n(),
        shard,
        intent.owners().size(),
        sums.size());
  }

  private static ProjectionBatch.TimedCause cause(Document d) {
    if (d == null) {
      return null;
    }
    Number count = d.get("count", Number.class);
    return new ProjectionBatch.TimedCause(
        new Cause(d.getString("id"), d.getString("type"), d.getString("source")),
        OffsetDateTime.parse(d.getString("time")),
        count == null ? 1 : count.intValue());
  }

  private static ShardLedger.OwnerRef ref(String collection, String id) {
    return new ShardLedger.OwnerRef(collection, id);
  }
}
