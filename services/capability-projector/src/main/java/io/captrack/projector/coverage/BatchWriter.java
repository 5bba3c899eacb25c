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
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The order in which a shard's batch reaches MongoDB, and how an interrupted one is completed.
 *
 * <ol>
 *   <li>intent in the shard ledger: batch number, the owner documents it will write, the first
 *       cause per capability (fenced: fails when another consumer took the shard over);
 *   <li>event owners (immutable), then the people's new events (one document per person and batch),
 *       then people, then partners and requisitions, each document with its own deltas to coverage
 *       for this batch ({@code pending}) and, for partners and requisitions, its events;
 *   <li>expiries of those people and partners;
 *   <li>coverage: every capability's summed deltas by day into its month documents, then its
 *       totals, targets, positions and change events into its own document, applied once per batch
 *       number ({@code seq.<shard>} in the capability document, and in the month documents when a
 *       batch is completed);
 *   <li>done in the ledger.
 * </ol>
 *
 * Each step first checks the epoch, so a consumer that lost the shard stops before its next write.
 * A crash anywhere leaves either nothing (before the intent) or an intent that the next owner of
 * the shard completes before anything else: it sums the deltas the written owner documents carry
 * for that batch, rewrites their expiries and applies the sums to coverage, where an earlier
 * application of the same batch number is refused. Records redelivered after the crash change
 * nothing twice, since an owner document that holds an event ignores it.
 */
@Component
class BatchWriter {

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

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

  /** Writes batch {@code n} of the shard, step by step, under the given epoch. */
  void write(
      int shard,
      long epoch,
      long n,
      ProjectionBatch batch,
      Map<String, Long> positions,
      CoverageStore store) {
    ShardLedger ledger = store.ledger();
    List<ShardLedger.OwnerRef> owners = new ArrayList<>();
    batch.dirtyPeople().keySet().forEach(id -> owners.add(ref(CoverageStore.PEOPLE, id)));
    batch.dirtyPartners().keySet().forEach(id -> owners.add(ref(CoverageStore.PARTNERS, id)));
    batch
        .dirtyRequisitions()
        .keySet()
        .forEach(id -> owners.add(ref(CoverageStore.REQUISITIONS, id)));
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
    long t = System.nanoTime();
    ledger.begin(shard, epoch, new ShardLedger.Intent(n, owners, causes));
    t = steps.done("intent", t);
    crashPoints.reached(CrashPoints.AFTER_INTENT);
    ledger.check(shard, epoch);
    store.writeEventOwners(batch);
    t = steps.done("owners", t);
    store.writePersonEvents(batch, n);
    t = steps.done("person-events", t);
    crashPoints.reached(CrashPoints.AFTER_PERSON_EVENTS);
    ledger.check(shard, epoch);
    store.writePeople(batch, n);
    t = steps.done("people", t);
    crashPoints.reached(CrashPoints.AFTER_PEOPLE);
    ledger.check(shard, epoch);
    store.writePartnersAndRequisitions(batch, n);
    t = steps.done("partners", t);
    crashPoints.reached(CrashPoints.AFTER_OWNERS);
    ledger.check(shard, epoch);
    store.writeExpiries(batch);
    t = steps.done("expiries", t);
    crashPoints.reached(CrashPoints.AFTER_EXPIRIES);
    ledger.check(shard, epoch);
    store.writeMonths(shard, n, batch, false);
    t = steps.done("months", t);
    crashPoints.reached(CrashPoints.AFTER_MONTHS);
    store.writeCapabilities(shard, n, batch, clock.instant());
    t = steps.done("capabilities", t);
    crashPoints.reached(CrashPoints.AFTER_COVERAGE);
    ledger.done(shard, epoch, n, positions);
    steps.done("done", t);
    crashPoints.reached(CrashPoints.AFTER_DONE);
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
    store.writeMonths(shard, intent.n(), batch, true);
    store.writeCapabilities(shard, intent.n(), batch, clock.instant());
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
