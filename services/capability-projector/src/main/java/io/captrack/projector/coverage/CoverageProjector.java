package io.captrack.projector.coverage;

import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.logging.Correlation;
import io.captrack.platform.readmodel.AppliedPositions;
import io.captrack.projector.deadletter.DeadLetterPublisher;
import io.captrack.projector.system.ProjectorHealth;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.projector.timeline.RequisitionHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventGate;
import io.captrack.schemas.capability.CapabilityTargetSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Projects batches of records into one generation of the read model. Every record is judged first
 * at the {@link EventGate}: one that can never be applied (unreadable, schema-invalid, unknown type
 * or capability, out of range, wrongly keyed) goes at once to {@code <topic>.dlt} with its reason,
 * and the rest of the batch, with every other partition, goes on. So does a record whose rules
 * throw while it is applied in memory: it is dead-lettered and the batch applied again without it.
 * Anything else (the store or Kafka away, timeouts) is not the record's fault: the batch fails, the
 * error handler retries it with back-off, never dead-letters it, and each failed attempt is logged
 * and counted in {@link ProjectorHealth}. A generation being rebuilt skips what the gate refuses:
 * the live generation dead-lettered it when it came.
 */
@Component
public class CoverageProjector {

  private static final Logger log = LoggerFactory.getLogger(CoverageProjector.class);

  private final EventGate gate;
  private final DeadLetterPublisher deadLetters;
  private final ProjectorHealth health;
  private final ServiceIdentity identity;
  private final Clock clock;
  private final BatchWriter writer;
  private final BatchSteps steps;
  private final VoidWatch voids;

  CoverageProjector(
      EventGate gate,
      DeadLetterPublisher deadLetters,
      ProjectorHealth health,
      ServiceIdentity identity,
      Clock clock,
      BatchWriter writer,
      BatchSteps steps,
      VoidWatch voids) {
    this.steps = steps;
    this.voids = voids;
    this.gate = gate;
    this.deadLetters = deadLetters;
    this.health = health;
    this.identity = identity;
    this.clock = clock;
    this.writer = writer;
  }

  /** One generation's store, and whether it answers queries now (and so announces changes). */
  public record Target(CoverageStore store, BooleanSupplier live) {}

  /**
   * Projects a batch; false when a shard of it turned out to be another consumer's (this one lost
   * its partitions): then none of the batch's offsets may be committed, the records go back to be
   * polled again by whoever owns them.
   */
  public boolean on(List<ConsumerRecord<String, byte[]>> records, Target target) {
    long arrived = System.nanoTime();
    health.received(records);
    boolean complete;
    try {
      complete = apply(records, target);
    } catch (RuntimeException e) {
      health.failed(e, health.attempts() + 1);
      log.warn(
          "batch of {} records failed (attempt {}, failing for {} s); retrying with back-off: {}",
          records.size(),
          health.attempts(),
          health.failingFor().toSeconds(),
          ProjectorHealth.describe(e));
      throw e;
    }
    health.applied(records.size(), System.nanoTime() - arrived);
    return complete;
  }

  /**
   * Kafka assigned partitions to this consumer: it takes their shards over (raising their epochs,
   * which fences the previous owner) and completes a batch the previous owner left half-written.
   */
  public void assigned(Collection<TopicPartition> partitions, Target target) {
    Set<Integer> shards = new TreeSet<>();
    partitions.forEach(p -> shards.add(p.partition()));
    CoverageStore store = target.store();
    boolean live = target.live().getAsBoolean();
    for (int shard : shards) {
      store.assigned(shard);
      try {
        long epoch = store.ledger().lease(shard, false);
        ShardLedger.State state = store.ledger().state(shard);
        if (state.inflight() != null && state.inflight().n() > state.done()) {
          writer.complete(shard, epoch, state.inflight(), store, live);
        }
      } catch (RuntimeException e) {
        // the first batch of the shard tries again
        log.warn("taking over shard {} failed: {}", shard, ProjectorHealth.describe(e));
      }
    }
  }

  /** Kafka took partitions away (revoked or lost): nothing more is written for their shards. */
  public void revoked(Collection<TopicPartition> partitions, Target target) {
    partitions.forEach(p -> target.store().revoked(p.partition()));
  }

  private boolean apply(List<ConsumerRecord<String, byte[]>> records, Target target) {
    boolean live = target.live().getAsBoolean();
    List<ProjectionBatch.Input> inputs = new ArrayList<>(records.size());
    List<ConsumerRecord<String, byte[]>> admitted = new ArrayList<>(records.size());
    for (Admission.Judged judged : Admission.judge(gate, records)) {
      ConsumerRecord<String, byte[]> record = judged.record();
      if (judged.event() == null) {
        refuse(record, judged.refused(), live);
        continue;
      }
      inputs.add(
          new ProjectionBatch.Input(
              record.partition(),
              partition(record.topic(), record.partition()),
              record.offset(),
              judged.event()));
      admitted.add(record);
    }
    while (true) {
      try {
        boolean complete = project(inputs, target.store(), live, false);
        if (log.isDebugEnabled()) {
          for (int i = 0; i < inputs.size(); i++) {
            ConsumerRecord<String, byte[]> record = admitted.get(i);
            Correlation.debug(
                log,
                inputs.get(i).event().id(),
                inputs.get(i).event().type().name(),
                "applied {}-{}@{}",
                record.topic(),
                record.partition(),
                record.offset());
          }
        }
        return complete;
      } catch (PoisonRecordException e) {
        ConsumerRecord<String, byte[]> record = admitted.remove(e.index());
        inputs.remove(e.index());
        refuse(record, "cannot be applied: " + ProjectorHealth.describe(e.getCause()), live);
      } catch (FencedException e) {
        // the new owner replays these records from the last committed offset
        log.warn("not writing {} records: {}", inputs.size(), e.getMessage());
        return false;
      }
    }
  }

  private void refuse(ConsumerRecord<String, byte[]> record, String reason, boolean live) {
    if (live) {
      deadLetters.publish(record, reason);
    } else {
      log.debug(
          "rebuild skips {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          reason);
    }
  }

  /**
   * Projects records of one or more shards (each record's partition number) as one batch: every
   * document it touches written once. {@code anyway} takes the shards over without a Kafka
   * assignment (a projector driven by hand). False when a shard turned out to be another
   * consumer's: its records were left out, and none of the batch's offsets may be committed.
   */
  boolean project(
      List<ProjectionBatch.Input> inputs, CoverageStore store, boolean announce, boolean anyway) {
    if (inputs.isEmpty()) {
      return true;
    }
    Set<Integer> shards = new TreeSet<>();
    inputs.forEach(in -> shards.add(in.shard()));
    try {
      Projected projected = projectOnce(inputs, store, announce, anyway);
      if (projected.batch() != null && !projected.written()) {
        // a written batch's writer kept them
        store.remember(projected.shards(), projected.batch());
      }
      if (projected.batch() != null && announce) {
        voids.written(projected.batch().voids());
      }
      return projected.complete();
    } catch (RuntimeException e) {
      // the batch's histories may hold events that were never written
      store.forget(shards);
      throw e;
    }
  }

  /**
   * A batch applied (null when every shard was fenced), its shards, whether it had all of them,
   * whether it was written (its writer then kept its histories in memory).
   */
  private record Projected(
      ProjectionBatch batch, Set<Integer> shards, boolean complete, boolean written) {}

  private Projected projectOnce(
      List<ProjectionBatch.Input> inputs, CoverageStore store, boolean announce, boolean anyway) {
    ShardLedger ledger = store.ledger();
    long t = System.nanoTime();
    Map<Integer, List<ProjectionBatch.Input>> byShard = new TreeMap<>();
    inputs.forEach(in -> byShard.computeIfAbsent(in.shard(), s -> new ArrayList<>()).add(in));
    Map<Integer, BatchWriter.ShardPart> parts = new TreeMap<>();
    for (int shard : byShard.keySet()) {
      try {
        long epoch = ledger.lease(shard, anyway);
        ShardLedger.State state = ledger.state(shard);
        if (state.inflight() != null && state.inflight().n() > state.done()) {
          writer.complete(shard, epoch, state.inflight(), store, announce);
        }
        parts.put(
            shard,
            new BatchWriter.ShardPart(
                shard, epoch, Math.max(state.seq(), state.done()) + 1, new HashMap<>()));
      } catch (FencedException e) {
        // the new owner replays this shard's records from the last committed offset
        log.warn("not writing {} records: {}", byShard.get(shard).size(), e.getMessage());
      }
    }
    boolean complete = parts.size() == byShard.size();
    if (parts.isEmpty()) {
      return new Projected(null, Set.of(), false, false);
    }
    t = steps.done("lease", t);
    Map<String, PersonHistory> people = new HashMap<>();
    Map<String, PartnerHistory> partners = new HashMap<>();
    Map<String, RequisitionHistory> requisitions = new HashMap<>();
    Map<String, Integer> shardOf = new HashMap<>();
    // what each shard names, then each kind of owner in one read for all the shards
    Map<Integer, Set<String>> personRefs = new TreeMap<>();
    Map<Integer, Set<String>> partnerIds = new TreeMap<>();
    Map<Integer, Set<String>> requisitionIds = new TreeMap<>();
    for (int shard : parts.keySet()) {
      BatchNeeds needs = BatchNeeds.of(byShard.get(shard));
      personRefs.put(shard, needs.personRefs());
      partnerIds.put(shard, needs.partnerIds());
      requisitionIds.put(shard, needs.requisitionIds());
    }
    var loadedPeople = store.loadPeople(personRefs);
    var loadedPartners = store.loadPartners(partnerIds);
    var loadedRequisitions = store.loadRequisitions(requisitionIds);
    for (int shard : parts.keySet()) {
      load(shard, CoverageStore.PEOPLE, loadedPeople.get(shard), people, shardOf);
      load(shard, CoverageStore.PARTNERS, loadedPartners.get(shard), partners, shardOf);
      load(shard, CoverageStore.REQUISITIONS, loadedRequisitions.get(shard), requisitions, shardOf);
    }
    List<ProjectionBatch.Input> applied = new ArrayList<>();
    // where each applied record is among the inputs
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (parts.containsKey(inputs.get(i).shard())) {
        applied.add(inputs.get(i));
        positions.add(i);
      }
    }
    Set<String> capabilityIds = new HashSet<>();
    for (ProjectionBatch.Input in : applied) {
      capabilityIds.addAll(named(in.event()));
    }
    people.values().forEach(p -> capabilityIds.addAll(p.capabilities()));
    partners.values().forEach(p -> capabilityIds.addAll(p.capabilities()));
    requisitions.values().forEach(r -> capabilityIds.addAll(r.capabilities()));
    LocalDate today = LocalDate.now(clock);
    ProjectionBatch batch =
        new ProjectionBatch(
            store.loadCapabilities(capabilityIds, Set.of(today)),
            people,
            partners,
            requisitions,
            shardOf,
            identity.source(),
            today,
            announce);
    t = steps.done("load", t);
    try {
      batch.applyAll(applied);
    } catch (PoisonRecordException e) {
      // nothing is written yet: the batch is loaded and applied again without this record
      throw new PoisonRecordException(positions.get(e.index()), e.getCause());
    }
    steps.done("derive", t);
    boolean writes = batch.writes();
    if (writes) {
      for (ProjectionBatch.Input in : applied) {
        parts.get(in.shard()).positions().merge(in.partition(), in.offset(), Math::max);
      }
      writer.write(List.copyOf(parts.values()), batch, applied.size(), store);
    }
    return new Projected(batch, parts.keySet(), complete, writes);
  }

  /** Histories one shard loaded, into the batch's, each noted as of that shard. */
  private static <H> void load(
      int shard,
      String collection,
      Map<String, H> loaded,
      Map<String, H> into,
      Map<String, Integer> shardOf) {
    loaded.forEach(
        (id, h) -> {
          if (into.putIfAbsent(id, h) == null) {
            shardOf.put(collection + ":" + id, shard);
          }
        });
  }

  /** The capabilities an event names itself. */
  private static Set<String> named(CloudEvent<?> event) {
    if (event.data() instanceof CapabilityTargetSet t) {
      return Set.of(t.capabilityId());
    }
    if (ProjectionBatch.requisitionOf(event) != null) {
      RequisitionHistory alone = new RequisitionHistory();
      alone.add(event);
      return alone.capabilities();
    }
    String partnerId = ProjectionBatch.partnerOf(event);
    if (partnerId != null) {
      PartnerHistory alone = new PartnerHistory(partnerId);
      alone.add(event);
      return alone.capabilities();
    }
    PersonHistory alone = new PersonHistory();
    alone.add(event);
    return alone.capabilities();
  }

  /** A partition's key in stored positions: no dots, which MongoDB reads as paths. */
  static String partition(String topic, int partition) {
    return AppliedPositions.key(topic, partition);
  }
}
