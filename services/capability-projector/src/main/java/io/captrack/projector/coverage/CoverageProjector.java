package io.captrack.projector.coverage;

import io.captrack.platform.ServiceIdentity;
import io.captrack.projector.deadletter.DeadLetterPublisher;
import io.captrack.projector.system.ProjectorHealth;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.projector.timeline.RequisitionHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventGate;
import io.captrack.schemas.UnreadableEventException;
import io.captrack.schemas.capability.CapabilityTargetSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

  CoverageProjector(
      EventGate gate,
      DeadLetterPublisher deadLetters,
      ProjectorHealth health,
      ServiceIdentity identity,
      Clock clock) {
    this.gate = gate;
    this.deadLetters = deadLetters;
    this.health = health;
    this.identity = identity;
    this.clock = clock;
  }

  /** One generation's store, and whether it answers queries now (and so announces changes). */
  public record Target(CoverageStore store, BooleanSupplier live) {}

  public void on(List<ConsumerRecord<String, byte[]>> records, Target target) {
    health.received(records);
    try {
      apply(records, target);
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
    health.applied();
  }

  private void apply(List<ConsumerRecord<String, byte[]>> records, Target target) {
    boolean live = target.live().getAsBoolean();
    List<ProjectionBatch.Input> inputs = new ArrayList<>(records.size());
    List<ConsumerRecord<String, byte[]>> admitted = new ArrayList<>(records.size());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        inputs.add(
            new ProjectionBatch.Input(
                partition(record.topic(), record.partition()),
                record.offset(),
                gate.admit(record)));
        admitted.add(record);
      } catch (UnreadableEventException e) {
        refuse(record, e.getMessage(), live);
      }
    }
    while (true) {
      try {
        project(inputs, target.store(), live);
        return;
      } catch (PoisonRecordException e) {
        ConsumerRecord<String, byte[]> record = admitted.remove(e.index());
        inputs.remove(e.index());
        refuse(record, "cannot be applied: " + ProjectorHealth.describe(e.getCause()), live);
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

  void project(List<ProjectionBatch.Input> inputs, CoverageStore store, boolean announce) {
    if (inputs.isEmpty()) {
      return;
    }
    BatchNeeds needs = BatchNeeds.of(inputs);
    Map<String, String> owners = store.loadOwners(needs.voidedEventIds());
    Set<String> personRefs = new HashSet<>(needs.personRefs());
    personRefs.addAll(owners.values());
    Map<String, PersonHistory> people = store.loadPeople(personRefs);
    Map<String, PartnerHistory> partners = store.loadPartners(needs.partnerIds());
    Map<String, RequisitionHistory> requisitions = store.loadRequisitions(needs.requisitionIds());
    Set<String> capabilityIds = new HashSet<>();
    for (ProjectionBatch.Input in : inputs) {
      capabilityIds.addAll(named(in.event()));
    }
    people.values().forEach(p -> capabilityIds.addAll(p.capabilities()));
    partners.values().forEach(p -> capabilityIds.addAll(p.capabilities()));
    requisitions.values().forEach(r -> capabilityIds.addAll(r.capabilities()));
    ProjectionBatch batch =
        new ProjectionBatch(
            store.loadCapabilities(capabilityIds),
            people,
            partners,
            requisitions,
            owners,
            identity.source(),
            LocalDate.now(clock),
            announce);
    for (int i = 0; i < inputs.size(); i++) {
      try {
        batch.apply(inputs.get(i));
      } catch (RuntimeException e) {
        // nothing is written yet: the batch is loaded and applied again without this record
        throw new PoisonRecordException(i, e);
      }
    }
    store.write(batch, clock.instant());
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
    return topic.replace('.', '_') + "-" + partition;
  }
}
