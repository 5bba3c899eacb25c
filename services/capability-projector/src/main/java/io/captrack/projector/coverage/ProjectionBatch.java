package io.captrack.projector.coverage;

import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.PeopleIndex;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.Cause;
import io.captrack.schemas.capability.CoverageFigures;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a batch of events, record by record, to the people and capability documents it touches,
 * in memory. For a person event, the person's calendar of holdings per capability is recomputed
 * before and after the event; the difference goes to each capability's calendar, once: every
 * capability document remembers the last offset it applied per source partition.
 */
final class ProjectionBatch {

  /** A decoded record: its event and where it came from. */
  record Input(String partition, long offset, CloudEvent<?> event) {}

  private final Map<String, CapabilityState> capabilities;
  private final Map<String, PersonHistory> people;
  private final Map<String, String> owners;
  private final Set<String> dirtyPeople = new LinkedHashSet<>();
  private final Map<String, String> newOwners = new LinkedHashMap<>();
  private final String source;
  private final LocalDate today;

  ProjectionBatch(
      Map<String, CapabilityState> capabilities,
      Map<String, PersonHistory> people,
      Map<String, String> owners,
      String source,
      LocalDate today) {
    this.capabilities = new LinkedHashMap<>(capabilities);
    this.people = new HashMap<>(people);
    this.owners = new HashMap<>(owners);
    this.source = source;
    this.today = today;
  }

  void apply(Input in) {
    Object data = in.event().data();
    if (data instanceof PartnerAgreementSigned signed) {
      for (String capabilityId : signed.capabilities()) {
        lend(in, capabilityId, signed);
      }
      return;
    }
    String personRef = personOf(in.event());
    if (personRef == null) {
      return;
    }
    PersonHistory person = people.computeIfAbsent(personRef, p -> new PersonHistory());
    Set<String> before = person.capabilities();
    Map<String, Calendar> was = new HashMap<>();
    before.forEach(c -> was.put(c, Calendar.of(person, c)));
    if (!person.add(in.event())) {
      return;
    }
    dirtyPeople.add(personRef);
    if (PeopleIndex.personOf(in.event()).isPresent()) {
      owners.put(in.event().id(), personRef);
      newOwners.put(in.event().id(), personRef);
    }
    Set<String> touched = new TreeSet<>(before);
    touched.addAll(person.capabilities());
    for (String capabilityId : touched) {
      Calendar change =
          Calendar.of(person, capabilityId)
              .plus(was.getOrDefault(capabilityId, new Calendar()), -1);
      if (change.isEmpty()) {
        continue;
      }
      CapabilityState capability = capability(capabilityId);
      if (!capability.claim(in.partition(), in.offset())) {
        continue;
      }
      CoverageFigures previous = capability.figuresOn(today);
      capability.add(change);
      changedIfDifferent(capability, previous, in.event());
    }
  }

  private String personOf(CloudEvent<?> event) {
    if (event.data() instanceof EventVoided v) {
      return owners.get(v.voidedEventId());
    }
    return PeopleIndex.personOf(event).orElse(null);
  }

  private void lend(Input in, String capabilityId, PartnerAgreementSigned signed) {
    CapabilityState capability = capability(capabilityId);
    if (!capability.claim(in.partition(), in.offset())) {
      return;
    }
    AgreementShare share =
        new AgreementShare(
            signed.partnerId(),
            signed.capacityFte().movePointRight(2).longValueExact(),
            signed.effectiveFrom(),
            signed.effectiveTo());
    long before = fteInForce(capability.agreement(signed.agreementId()));
    CoverageFigures previous = capability.figuresOn(today);
    capability.putAgreement(signed.agreementId(), share);
    capability.addFte(fteInForce(share) - before);
    changedIfDifferent(capability, previous, in.event());
  }

  private long fteInForce(AgreementShare share) {
    return share != null && share.inForceOn(today) ? share.fteCenti() : 0;
  }

  private void changedIfDifferent(
      CapabilityState capability, CoverageFigures previous, CloudEvent<?> cause) {
    CoverageFigures now = capability.figuresOn(today);
    if (now.equals(previous)) {
      return;
    }
    capability.recordChange(
        CloudEvent.of(
            EventTypes.CAPABILITY_COVERAGE_CHANGED,
            source,
            cause.time(),
            capability.capabilityId(),
            new CapabilityCoverageChanged(
                capability.capabilityId(),
                previous,
                now,
                new Cause(cause.id(), cause.type().name(), cause.source()))));
  }

  private CapabilityState capability(String capabilityId) {
    return capabilities.computeIfAbsent(capabilityId, CapabilityState::empty);
  }

  Collection<CapabilityState> dirtyCapabilities() {
    return capabilities.values().stream().filter(CapabilityState::dirty).toList();
  }

  Map<String, PersonHistory> dirtyPeople() {
    Map<String, PersonHistory> dirty = new LinkedHashMap<>();
    dirtyPeople.forEach(p -> dirty.put(p, people.get(p)));
    return dirty;
  }

  Map<String, String> newOwners() {
    return newOwners;
  }

  /** The ids a batch needs loaded before it can be applied. */
  record Needs(Set<String> capabilityIds, Set<String> personRefs, Set<String> voidedEventIds) {

    static Needs of(List<Input> inputs) {
      Needs needs = new Needs(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
      for (Input in : inputs) {
        Object d = in.event().data();
        if (d instanceof PartnerAgreementSigned signed) {
          needs.capabilityIds().addAll(signed.capabilities());
        } else if (d instanceof EventVoided v) {
          needs.voidedEventIds().add(v.voidedEventId());
        }
        PeopleIndex.personOf(in.event()).ifPresent(needs.personRefs()::add);
      }
      return needs;
    }
  }
}
