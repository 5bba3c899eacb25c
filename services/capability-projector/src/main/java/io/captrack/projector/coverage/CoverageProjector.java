package io.captrack.projector.coverage;

import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.UnreadableEventException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes the event topics in batches into the read model. A record that is not a readable
 * captrack event stops the batch at its index: the records before it are projected, it goes to
 * {@code <topic>.dlt} with the reason, and consumption goes on after it.
 */
@Component
public class CoverageProjector {

  public static final String LISTENER_ID = "capability-projector";

  private final CoverageStore store;
  private final CloudEventCodec codec;
  private final ServiceIdentity identity;
  private final Taxonomy taxonomy;
  private final Clock clock;

  CoverageProjector(
      CoverageStore store,
      CloudEventCodec codec,
      ServiceIdentity identity,
      Taxonomy taxonomy,
      Clock clock) {
    this.store = store;
    this.codec = codec;
    this.identity = identity;
    this.taxonomy = taxonomy;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    store.seed(taxonomy);
  }

  @KafkaListener(
      id = LISTENER_ID,
      idIsGroup = false,
      topics = "#{T(io.captrack.schemas.Topics).SOURCES.![name()]}",
      containerFactory = "projectorContainerFactory",
      autoStartup = "${captrack.projector.auto-startup:true}",
      batch = "true")
  void on(List<ConsumerRecord<String, byte[]>> records) {
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
        unreadable = e;
        break;
      }
    }
    project(inputs);
    if (unreadable != null) {
      throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, inputs.size());
    }
  }

  void project(List<ProjectionBatch.Input> inputs) {
    if (inputs.isEmpty()) {
      return;
    }
    ProjectionBatch.Needs needs = ProjectionBatch.Needs.of(inputs);
    Map<String, String> owners = store.loadOwners(needs.voidedEventIds());
    Set<String> personRefs = new HashSet<>(needs.personRefs());
    personRefs.addAll(owners.values());
    Map<String, PersonHistory> people = store.loadPeople(personRefs);
    Map<String, PartnerHistory> partners = store.loadPartners(needs.partnerIds());
    Set<String> capabilityIds = new HashSet<>();
    for (ProjectionBatch.Input in : inputs) {
      capabilityIds.addAll(named(in.event()));
    }
    people.values().forEach(p -> capabilityIds.addAll(p.capabilities()));
    partners.values().forEach(p -> capabilityIds.addAll(p.capabilities()));
    ProjectionBatch batch =
        new ProjectionBatch(
            store.loadCapabilities(capabilityIds),
            people,
            partners,
            owners,
            identity.source(),
            LocalDate.now(clock));
    inputs.forEach(batch::apply);
    store.write(batch, clock.instant());
  }

  /** The capabilities an event names itself. */
  private static Set<String> named(CloudEvent<?> event) {
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
