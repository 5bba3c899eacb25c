package io.captrack.projector.coverage;

import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.Expiry;
import io.captrack.projector.timeline.PartnerFact;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PeopleIndex;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.projector.timeline.RequisitionHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.captrack.schemas.capability.CapabilityTargetSet;
import io.captrack.schemas.capability.Cause;
import io.captrack.schemas.talent.RequisitionClosed;
import io.captrack.schemas.talent.RequisitionOpened;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Applies a batch of events, record by record, to the people, partners and capability documents it
 * touches, in memory. For each event, the person's holdings or the partner's lent capacity are
 * recomputed per capability before and after it; the difference goes to each capability's calendar
 * and to the owner's own delta for the batch (which its document carries, see {@link BatchWriter}).
 * An event the person's or partner's history holds already changes nothing, so a redelivered record
 * counts once. A batch that does not announce (a rebuild replaying history) records no change
 * events.
 */
final class ProjectionBatch implements BatchDerivation.Steps {

  /**
   * A decoded record: its event and where it came from (its shard, the partition number, and its
   * partition's key in stored positions).
   */
  record Input(int shard, String partition, long offset, CloudEvent<?> event) {}

  private final Map<String, CapabilityState> capabilities;
  private final Map<String, PersonHistory> people;
  private final Map<String, PartnerHistory> partners;
  private final Set<String> dirtyPartners = new LinkedHashSet<>();
  private final Map<String, RequisitionHistory> requisitions;
  private final Set<String> dirtyRequisitions = new LinkedHashSet<>();
  private final Set<String> dirtyPeople = new LinkedHashSet<>();
  private final Map<String, Map<String, Expiry>> expiriesBefore = new HashMap<>();
  private final Map<String, Map<String, Calendar>> ownerDeltas = new LinkedHashMap<>();
  private final Map<String, List<CloudEvent<?>>> ownerEvents = new HashMap<>();
  private final Map<String, Integer> shards;
  private final VoidNotes voids = new VoidNotes();
  private boolean finished;
  private final String source;
  private final LocalDate today;
  private final boolean announce;

  ProjectionBatch(
      Map<String, CapabilityState> capabilities,
      Map<String, PersonHistory> people,
      Map<String, PartnerHistory> partners,
      Map<String, RequisitionHistory> requisitions,
      Map<String, Integer> shards,
      String source,
      LocalDate today,
      boolean announce) {
    this.shards = new HashMap<>(shards);
    this.capabilities = new LinkedHashMap<>(capabilities);
    this.people = new HashMap<>(people);
    this.partners = new HashMap<>(partners);
    this.requisitions = new HashMap<>(requisitions);
    this.source = source;
    this.today = today;
    this.announce = announce;
  }

  /** Applies one record: its owner's history derives what it changes, then that is carried. */
  @Override
  public void apply(Input in) {
    if (in.event().data() instanceof CapabilityTargetSet t) {
      target(in, t);
      return;
    }
    Owner owner = ownerOf(in.event());
    if (owner == null) {
      return;
    }
    historyOf(owner);
    expiriesBefore.computeIfAbsent(owner.id(), id -> expiriesOf(owner));
    settle(in, owner, derive(in, owner));
  }

  /**
   * Applies records in their order, as {@link #apply} would one after another, see {@link
   * BatchDerivation}: a batch's worth is derived on two threads, then carried in order.
   */
  void applyAll(List<Input> inputs) {
    BatchDerivation.applyAll(this, inputs);
  }

  /** What owners had ending on a known day before the batch, noted where not noted yet. */
  @Override
  public void noteExpiries(Map<String, Map<String, Expiry>> expiries) {
    expiries.forEach(expiriesBefore::putIfAbsent);
  }

  /** Whose history an event changes: a person's, a partner's or a requisition's. */
  record Owner(String collection, String id) {
    String key() {
      return collection + ":" + id;
    }
  }

  /** The owner of an event, a void's the one it is keyed by; null for an event of no one. */
  @Override
  public Owner ownerOf(CloudEvent<?> event) {
    String partnerId = partnerOf(event);
    if (partnerId != null) {
      return new Owner(CoverageStore.PARTNERS, partnerId);
    }
    String requisitionId = requisitionOf(event);
    if (requisitionId != null) {
      return new Owner(CoverageStore.REQUISITIONS, requisitionId);
    }
    String personRef = personOf(event);
    return personRef == null ? null : new Owner(CoverageStore.PEOPLE, personRef);
  }

  /** The owner's history as the batch has it, begun empty for an owner it did not read. */
  @Override
  public Object historyOf(Owner owner) {
    return switch (owner.collection()) {
      case CoverageStore.PARTNERS ->
          partners.computeIfAbsent(owner.id(), id -> new PartnerHistory(owner.id()));
      case CoverageStore.REQUISITIONS ->
          requisitions.computeIfAbsent(owner.id(), id -> new RequisitionHistory());
      default -> people.computeIfAbsent(owner.id(), id -> new PersonHistory());
    };
  }

  /** What a person or partner has ending on a known day, by key; null for a requisition. */
  @Override
  public Map<String, Expiry> expiriesOf(Owner owner) {
    return switch (owner.collection()) {
      case CoverageStore.PARTNERS -> byKey(partners.get(owner.id()).expiries());
      case CoverageStore.REQUISITIONS -> null;
      default -> byKey(people.get(owner.id()).expiries(owner.id()));
    };
  }

  /** The event added to its owner's history, and the difference it made; null when known. */
  @Override
  public Map<String, Calendar> derive(Input in, Owner owner) {
    return switch (owner.collection()) {
      case CoverageStore.PARTNERS -> {
        PartnerHistory partner = partners.get(owner.id());
        yield voids.derived(in, owner, partner::awaitedByVoid, () -> partnerChanges(in, partner));
      }
      case CoverageStore.REQUISITIONS -> requisitionChanges(in, requisitions.get(owner.id()));
      default -> {
        PersonHistory person = people.get(owner.id());
        yield voids.derived(
            in, owner, person::awaitedByVoid, () -> person.addWithChanges(in.event()));
      }
    };
  }

  /** The batch's voids that wait for the event they cancel, and the events waiting voids met. */
  VoidNotes voids() {
    return voids;
  }

  /**
   * Carries what an event changed (see {@link #carry}); an owner it changed is written with the
   * batch.
   */
  @Override
  public void settle(Input in, Owner owner, Map<String, Calendar> changes) {
    if (!carry(in, owner.key(), changes)) {
      return;
    }
    switch (owner.collection()) {
      case CoverageStore.PARTNERS -> dirtyPartners.add(owner.id());
      case CoverageStore.REQUISITIONS -> dirtyRequisitions.add(owner.id());
      default -> dirtyPeople.add(owner.id());
    }
  }

  /** The event added to the partner's history, and the difference it made; null when known. */
  private static Map<String, Calendar> partnerChanges(Input in, PartnerHistory partner) {
    // what the partner rules read of the event, made once for the three questions below
    PartnerFact fact = PartnerFact.of(in.event());
    // only the days from the first one the event can change are computed, before and after it
    LocalDate from = partner.affectedFrom(fact);
    return changes(
        in,
        partner::capabilities,
        partner.affectedBy(fact),
        from == null ? partner::calendar : c -> partner.calendarFrom(c, from),
        e -> partner.add(fact));
  }

  /** The event added to the requisition's history, and the difference it made; null when known. */
  private static Map<String, Calendar> requisitionChanges(
      Input in, RequisitionHistory requisition) {
    return changes(
        in, requisition::capabilities, null, c -> Calendar.of(requisition, c), requisition::add);
  }

  /**
   * Adds the event to a partner's or requisition's history and works out the difference it makes,
   * capability by capability (a person's history works it out itself), which {@link #carry} takes
   * to the capability calendars and to the owner's delta for this batch. Null when the history knew
   * the event already: the owner document is what makes a redelivered record change nothing. Only
   * the capabilities the event can change ({@code affected}, null for all the owner's) are
   * recomputed; the calendars {@code calendarOf} gives are read, never changed.
   */
  private static Map<String, Calendar> changes(
      Input in,
      Supplier<Set<String>> capabilities,
      Set<String> affected,
      Function<String, Calendar> calendarOf,
      Predicate<CloudEvent<?>> add) {
    Set<String> before = affected != null ? affected : capabilities.get();
    Map<String, Calendar> was = new HashMap<>();
    before.forEach(c -> was.put(c, calendarOf.apply(c)));
    if (!add.test(in.event())) {
      return null;
    }
    Set<String> touched = new TreeSet<>(before);
    if (affected == null) {
      touched.addAll(capabilities.get());
    }
    Map<String, Calendar> changes = new TreeMap<>();
    for (String capabilityId : touched) {
      changes.put(
          capabilityId,
          new Calendar()
              .plus(calendarOf.apply(capabilityId))
              .plus(was.getOrDefault(capabilityId, new Calendar()), -1));
    }
    return changes;
  }

  /**
   * Carries the changes an event made to its owner's calendars, capability by capability, to the
   * capability calendars and to the owner's delta for this batch; false when there are none because
   * the owner knew the event already ({@code changes} null).
   */
  private boolean carry(Input in, String owner, Map<String, Calendar> changes) {
    if (changes == null) {
      return false;
    }
    shards.putIfAbsent(owner, in.shard());
    ownerEvents.computeIfAbsent(owner, o -> new ArrayList<>()).add(in.event());
    for (Map.Entry<String, Calendar> e : changes.entrySet()) {
      String capabilityId = e.getKey();
      Calendar change = e.getValue();
      if (change.isEmpty()) {
        continue;
      }
      CapabilityState capability = capability(capabilityId);
      capability.touch(in.partition(), in.offset());
      ownerDeltas
          .computeIfAbsent(owner, o -> new TreeMap<>())
          .computeIfAbsent(capabilityId, c -> new Calendar())
          .plus(change);
      add(capability, change, causeOf(in.event()), in.event().time(), 1);
    }
    return true;
  }

  /**
   * Adds a change to a capability; when announcing, notes the capability's figures before the
   * batch's first change to it and the events that moved it, for {@link #finish()}.
   */
  private void add(
      CapabilityState capability, Calendar change, Cause cause, OffsetDateTime time, int count) {
    if (announce) {
      capability.noteBefore(today);
      capability.noteCause(cause, time, count);
    }
    capability.add(change);
  }

  /**
   * A batch that began and was not completed, completed now: its owners' deltas for one capability,
   * announced with the first cause the batch recorded for it and how many there were.
   */
  void recovered(String capabilityId, Calendar delta, TimedCause cause) {
    CapabilityState capability = capability(capabilityId);
    capability.markDirty();
    if (cause == null) {
      capability.add(delta);
      return;
    }
    add(capability, delta, cause.cause(), cause.time(), cause.count());
  }

  /**
   * The batch's change events: one CapabilityCoverageChanged per capability whose figures for today
   * differ from before the batch (with the events that moved them), and a gap event when the batch
   * crossed the target. Called once, before the batch is written.
   */
  void finish() {
    if (finished) {
      return;
    }
    finished = true;
    for (CapabilityState capability : capabilities.values()) {
      if (capability.announcing()) {
        new Announcements(
                source,
                capability.capabilityId(),
                capability.causes(),
                capability.causeCount(),
                capability.causeTime())
            .of(
                capability.before(),
                capability.figuresOn(today),
                capability.gapBefore(),
                capability.gapOn(today))
            .forEach(capability::recordChange);
      }
    }
  }

  /** What caused a capability's first change in a batch, when it took effect, and how many did. */
  record TimedCause(Cause cause, OffsetDateTime time, int count) {}

  private static Cause causeOf(CloudEvent<?> event) {
    return new Cause(event.id(), event.type().name(), event.source());
  }

  /** A planner's target: the gap on every day from its first changes; today's may open or close. */
  @Override
  public void target(Input in, CapabilityTargetSet t) {
    CapabilityState capability = capability(t.capabilityId());
    if (!capability.claim(in.partition(), in.offset())) {
      return;
    }
    if (announce) {
      capability.noteBefore(today);
      capability.noteCause(causeOf(in.event()), in.event().time(), 1);
    }
    capability.setTarget(
        in.event().id(),
        new CapabilityState.DatedTarget(
            t.effectiveFrom(),
            in.event().recordedAt().toString(),
            new CapabilityState.Target(
                t.level(), t.headcount(), t.fte().movePointRight(2).longValue())));
  }

  private static String personOf(CloudEvent<?> event) {
    if (event.data() instanceof EventVoided) {
      return keyedPerson(event);
    }
    return PeopleIndex.personOf(event).orElse(null);
  }

  /**
   * The person a learning or planning event is keyed by (its Kafka key). A void joins the person it
   * is keyed by, on that person's partition, as it must be keyed (README, "Voids"): one that comes
   * before the event it cancels (they may travel on different topics) waits in that person's
   * history, which applies it when the event arrives.
   */
  static String keyedPerson(CloudEvent<?> event) {
    Topic topic = event.type().topic();
    return topic.equals(Topics.LEARNING_EVENTS) || topic.equals(Topics.PLANNING_EVENTS)
        ? event.key()
        : null;
  }

  /** The requisition a requisition event is about. */
  static String requisitionOf(CloudEvent<?> event) {
    if (event.data() instanceof RequisitionOpened o) {
      return o.requisitionId();
    }
    return event.data() instanceof RequisitionClosed c ? c.requisitionId() : null;
  }

  /** The partner a partner event is about. */
  static String partnerOf(CloudEvent<?> event) {
    if (event.type().topic().equals(Topics.PARTNER_EVENTS)) {
      return event.subject();
    }
    // a planner's correction of a partner event, keyed by the partner (same partition number)
    if (event.data() instanceof EventVoided v
        && event.type().topic().equals(Topics.PLANNING_EVENTS)
        && v.voidedEventType() != null
        && v.voidedEventType().startsWith("captrack.partner.")) {
      return event.key();
    }
    return null;
  }

  private CapabilityState capability(String capabilityId) {
    return capabilities.computeIfAbsent(capabilityId, CapabilityState::empty);
  }

  /** Histories the batch read or began, as it leaves them. */
  record Histories(
      Map<String, PersonHistory> people,
      Map<String, PartnerHistory> partners,
      Map<String, RequisitionHistory> requisitions) {}

  /** The histories of one shard's owners the batch read or began, as it leaves them. */
  Histories histories(int shard) {
    return new Histories(
        ofShard(CoverageStore.PEOPLE, people, shard),
        ofShard(CoverageStore.PARTNERS, partners, shard),
        ofShard(CoverageStore.REQUISITIONS, requisitions, shard));
  }

  private <H> Map<String, H> ofShard(String collection, Map<String, H> histories, int shard) {
    Map<String, H> found = new HashMap<>();
    histories.forEach(
        (id, h) -> {
          if (shardOf(collection + ":" + id) == shard) {
            found.put(id, h);
          }
        });
    return found;
  }

  /**
   * The shard of an owner ({@code <collection>:<id>}): the one it was loaded for, or the one of the
   * first record that changed it; -1 for an owner the batch neither read nor changed.
   */
  int shardOf(String owner) {
    return shards.getOrDefault(owner, -1);
  }

  /** The batch number an owner's document takes: its shard's among {@code numbers}. */
  long numberOf(String owner, Map<Integer, Long> numbers) {
    Long n = numbers.get(shardOf(owner));
    if (n == null) {
      throw new IllegalStateException("no batch number for the shard of " + owner);
    }
    return n;
  }

  /** Whether the batch has anything to write. */
  boolean writes() {
    return !dirtyPeople.isEmpty()
        || !dirtyPartners.isEmpty()
        || !dirtyRequisitions.isEmpty()
        || capabilities.values().stream().anyMatch(CapabilityState::dirty);
  }

  Collection<CapabilityState> dirtyCapabilities() {
    return capabilities.values().stream().filter(CapabilityState::dirty).toList();
  }

  Map<String, PersonHistory> dirtyPeople() {
    Map<String, PersonHistory> dirty = new LinkedHashMap<>();
    dirtyPeople.forEach(p -> dirty.put(p, people.get(p)));
    return dirty;
  }

  Map<String, PartnerHistory> dirtyPartners() {
    Map<String, PartnerHistory> dirty = new LinkedHashMap<>();
    dirtyPartners.forEach(p -> dirty.put(p, partners.get(p)));
    return dirty;
  }

  Map<String, RequisitionHistory> dirtyRequisitions() {
    Map<String, RequisitionHistory> dirty = new LinkedHashMap<>();
    dirtyRequisitions.forEach(r -> dirty.put(r, requisitions.get(r)));
    return dirty;
  }

  /** Each written owner's change to each capability's calendar in this batch. */
  Map<String, Map<String, Calendar>> ownerDeltas() {
    return ownerDeltas;
  }

  /** The events the batch added to an owner's document ({@code <collection>:<id>}), in order. */
  List<CloudEvent<?>> ownerEvents(String owner) {
    return ownerEvents.getOrDefault(owner, List.of());
  }

  /** What a person or partner had ending on a known day before this batch, by key. */
  Map<String, Expiry> expiriesBefore(String holder) {
    return expiriesBefore.getOrDefault(holder, Map.of());
  }

  private static Map<String, Expiry> byKey(List<Expiry> expiries) {
    Map<String, Expiry> keyed = new HashMap<>();
    expiries.forEach(e -> keyed.put(e.key(), e));
    return keyed;
  }
}
