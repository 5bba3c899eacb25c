package io.captrack.projector.coverage;

import io.captrack.platform.ServiceIdentity;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.projector.timeline.RequisitionHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
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
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Projects batches of records into one generation of the read model. A record that is not a
 * readable captrack event stops a live generation's batch at its index: the records before it are
 * projected, it goes to {@code <topic>.dlt} with the reason, and consumption goes on after it. A
 * generation being rebuilt skips such a record: the live generation dead-lettered it when it came.
 */
@Component
public class CoverageProjector {

  private static final Logger log = LoggerFactory.getLogger(CoverageProjector.class);

  private final CloudEventCodec codec;
  private final ServiceIdentity identity;
  private final Clock clock;

  CoverageProjector(CloudEventCodec codec, ServiceIdentity identity, Clock clock) {
    this.codec = codec;
    this.identity = identity;
    this.clock = clock;
  }

  /** One generation's store, and whether it answers queries now (and so announces changes). */
  public record Target(CoverageStore store, BooleanSupplier live) {}

  public void on(List<ConsumerRecord<String, byte[]>> records, Target target) {
    boolean live = target.live().getAsBoolean();
    List<ProjectionBatch.Input> inputs = new ArrayList<>(records.size());
    UnreadableEventException unreadable = null;
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        inputs.add(
            new ProjectionBatch.Input(
                partition(record.topic(), record.partition()),
                record.offset(),
                codec.decode(record)));
      } catch (UnreadableEventException e) {
        if (!live) {
          log.debug(
              "rebuild skips unreadable {}-{}@{}",
              record.topic(),
              record.partition(),
              record.offset());
          continue;
        }
        unreadable = e;
        break;
      }
    }
    project(inputs, target.store(), live);
    if (unreadable != null) {
      throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, inputs.size());
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
    inputs.forEach(batch::apply);
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
