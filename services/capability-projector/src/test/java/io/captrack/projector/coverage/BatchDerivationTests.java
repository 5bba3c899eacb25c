package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.projector.coverage.BatchDerivation.Steps;
import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.Expiry;
import io.captrack.projector.timeline.RandomHistories;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.capability.CapabilityTargetSet;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.partner.QualificationStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A batch's worth of records derived on two threads, then carried in order, leaves what applying
 * them one after another leaves: the same owners to write, in the same order, with the same events
 * and deltas, the same capability changes, causes and positions, the same expiries before the
 * batch. Random people (redelivered and reordered records, voids of events earlier in the batch)
 * and partners, over many seeds.
 */
@Timeout(120)
class BatchDerivationTests {

  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
  private static final List<String> CAPABILITIES = RandomHistories.CAPABILITIES;

  @Test
  void aBatchsWorthDerivedOnTwoThreadsLeavesWhatOneRecordAfterAnotherLeaves() {
    for (long seed = 1; seed <= 40; seed++) {
      List<ProjectionBatch.Input> inputs = inputs(seed);
      assertThat(inputs.size()).as("seed %d: a batch's worth", seed).isGreaterThan(300);

      ProjectionBatch oneByOne = batch();
      inputs.forEach(oneByOne::apply);
      ProjectionBatch shared = batch();
      shared.applyAll(inputs);

      same(seed, oneByOne, shared);
    }
  }

  @Test
  void aSmallBatchIsAppliedOneRecordAfterAnother() {
    List<ProjectionBatch.Input> inputs = inputs(7).subList(0, Helpers.WORTH_SHARING - 1);

    ProjectionBatch oneByOne = batch();
    inputs.forEach(oneByOne::apply);
    ProjectionBatch batch = batch();
    batch.applyAll(inputs);

    same(7, oneByOne, batch);
  }

  @Test
  void eachOwnersRecordsAreDerivedOnOneOfTwoThreads() {
    List<ProjectionBatch.Input> inputs = inputs(11);
    Map<String, Set<String>> threadsOf = new ConcurrentHashMap<>();
    Steps watched =
        new Delegating(batch()) {
          @Override
          public Map<String, Calendar> derive(ProjectionBatch.Input in, ProjectionBatch.Owner o) {
            threadsOf
                .computeIfAbsent(o.key(), k -> ConcurrentHashMap.newKeySet())
                .add(Thread.currentThread().getName());
            return super.derive(in, o);
          }
        };

    BatchDerivation.applyAll(watched, inputs);

    assertThat(threadsOf).allSatisfy((owner, threads) -> assertThat(threads).hasSize(1));
    assertThat(threadsOf.values().stream().flatMap(Set::stream).distinct())
        .hasSize(2)
        .contains(Thread.currentThread().getName());
  }

  @Test
  void theFirstRecordThatCannotBeAppliedIsNamedWhicheverThreadMetIt() {
    List<ProjectionBatch.Input> inputs = inputs(5);
    int early = positionOfAPersonsEvent(inputs, 120);
    int late = positionOfAPersonsEvent(inputs, 260);
    assertThat(owner(inputs, early)).isNotEqualTo(owner(inputs, late));

    assertThat(failureAt(inputs, Set.of(early, late), Set.of())).isEqualTo(early);
    assertThat(failureAt(inputs, Set.of(late), Set.of())).isEqualTo(late);
    // an owner that cannot be told stops the first pass; an earlier derivation's failure comes
    // first
    assertThat(failureAt(inputs, Set.of(), Set.of(late))).isEqualTo(late);
    assertThat(failureAt(inputs, Set.of(early), Set.of(late))).isEqualTo(early);
    assertThat(failureAt(inputs, Set.of(late), Set.of(early))).isEqualTo(early);
  }

  private static int failureAt(
      List<ProjectionBatch.Input> inputs, Set<Integer> underivable, Set<Integer> ownerless) {
    Set<ProjectionBatch.Input> failing = positions(inputs, underivable);
    Set<ProjectionBatch.Input> unowned = positions(inputs, ownerless);
    Steps steps =
        new Delegating(batch()) {
          @Override
          public ProjectionBatch.Owner ownerOf(CloudEvent<?> event) {
            if (unowned.stream().anyMatch(in -> in.event() == event)) {
              throw new IllegalStateException("no owner");
            }
            return super.ownerOf(event);
          }

          @Override
          public Map<String, Calendar> derive(ProjectionBatch.Input in, ProjectionBatch.Owner o) {
            if (failing.contains(in)) {
              throw new IllegalStateException("rules threw");
            }
            return super.derive(in, o);
          }
        };
    try {
      BatchDerivation.applyAll(steps, inputs);
    } catch (PoisonRecordException e) {
      return e.index();
    }
    throw new AssertionError("no record failed");
  }

  private static Set<ProjectionBatch.Input> positions(
      List<ProjectionBatch.Input> inputs, Set<Integer> at) {
    Set<ProjectionBatch.Input> picked =
        java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    at.forEach(k -> picked.add(inputs.get(k)));
    return picked;
  }

  /** The first record at or after {@code from} of a person's event seen for the first time. */
  private static int positionOfAPersonsEvent(List<ProjectionBatch.Input> inputs, int from) {
    Set<String> seen = new java.util.HashSet<>();
    for (int k = 0; k < inputs.size(); k++) {
      String id = inputs.get(k).event().id();
      if (seen.add(id) && k >= from && id.startsWith("ev-")) {
        return k;
      }
    }
    throw new AssertionError("no person's event after " + from);
  }

  private static String owner(List<ProjectionBatch.Input> inputs, int k) {
    return inputs.get(k).event().subject();
  }

  /** Every step as the batch does it. */
  private static class Delegating implements Steps {
    private final ProjectionBatch batch;

    Delegating(ProjectionBatch batch) {
      this.batch = batch;
    }

    @Override
    public void apply(ProjectionBatch.Input in) {
      batch.apply(in);
    }

    @Override
    public ProjectionBatch.Owner ownerOf(CloudEvent<?> event) {
      return batch.ownerOf(event);
    }

    @Override
    public Object historyOf(ProjectionBatch.Owner owner) {
      return batch.historyOf(owner);
    }

    @Override
    public Map<String, Expiry> expiriesOf(ProjectionBatch.Owner owner) {
      return batch.expiriesOf(owner);
    }

    @Override
    public Map<String, Calendar> derive(ProjectionBatch.Input in, ProjectionBatch.Owner owner) {
      return batch.derive(in, owner);
    }

    @Override
    public void noteExpiries(Map<String, Map<String, Expiry>> expiries) {
      batch.noteExpiries(expiries);
    }

    @Override
    public void target(ProjectionBatch.Input in, CapabilityTargetSet target) {
      batch.target(in, target);
    }

    @Override
    public void settle(
        ProjectionBatch.Input in, ProjectionBatch.Owner owner, Map<String, Calendar> changes) {
      batch.settle(in, owner, changes);
    }
  }

  private static void same(long seed, ProjectionBatch expected, ProjectionBatch actual) {
    assertThat(actual.dirtyPeople().keySet())
        .as("seed %d: people", seed)
        .containsExactlyElementsOf(expected.dirtyPeople().keySet());
    assertThat(actual.dirtyPartners().keySet())
        .as("seed %d: partners", seed)
        .containsExactlyElementsOf(expected.dirtyPartners().keySet());
    assertThat(actual.ownerDeltas().keySet())
        .as("seed %d: owners with deltas", seed)
        .containsExactlyElementsOf(expected.ownerDeltas().keySet());
    expected
        .ownerDeltas()
        .forEach(
            (owner, deltas) -> {
              assertThat(actual.ownerDeltas().get(owner).keySet())
                  .as("seed %d: %s's capabilities", seed, owner)
                  .containsExactlyElementsOf(deltas.keySet());
              deltas.forEach(
                  (c, delta) ->
                      assertThat(actual.ownerDeltas().get(owner).get(c).changes())
                          .as("seed %d: %s's delta to %s", seed, owner, c)
                          .isEqualTo(delta.changes()));
              assertThat(ids(actual.ownerEvents(owner)))
                  .as("seed %d: %s's events", seed, owner)
                  .containsExactlyElementsOf(ids(expected.ownerEvents(owner)));
            });
    List<CapabilityState> want = List.copyOf(expected.dirtyCapabilities());
    List<CapabilityState> got = List.copyOf(actual.dirtyCapabilities());
    assertThat(got.stream().map(CapabilityState::capabilityId))
        .as("seed %d: capabilities", seed)
        .containsExactlyElementsOf(want.stream().map(CapabilityState::capabilityId).toList());
    for (int i = 0; i < want.size(); i++) {
      CapabilityState w = want.get(i);
      CapabilityState g = got.get(i);
      assertThat(g.added().changes())
          .as("seed %d: %s changes", seed, w.capabilityId())
          .isEqualTo(w.added().changes());
      assertThat(g.causes()).as("seed %d: %s causes", seed, w.capabilityId()).isEqualTo(w.causes());
      assertThat(g.causeCount())
          .as("seed %d: %s cause count", seed, w.capabilityId())
          .isEqualTo(w.causeCount());
      assertThat(g.touchedPositions())
          .as("seed %d: %s positions", seed, w.capabilityId())
          .isEqualTo(w.touchedPositions());
    }
    for (String holder : expected.dirtyPeople().keySet()) {
      assertThat(actual.expiriesBefore(holder))
          .as("seed %d: %s's expiries before", seed, holder)
          .isEqualTo(expected.expiriesBefore(holder));
    }
    for (String holder : expected.dirtyPartners().keySet()) {
      assertThat(actual.expiriesBefore(holder))
          .as("seed %d: %s's expiries before", seed, holder)
          .isEqualTo(expected.expiriesBefore(holder));
    }
  }

  private static List<String> ids(List<CloudEvent<?>> events) {
    return events.stream().map(CloudEvent::id).toList();
  }

  /** Records of 80 people and 6 partners, interleaved, some twice, over three partitions. */
  static List<ProjectionBatch.Input> inputs(long seed) {
    RandomHistories people = new RandomHistories(seed, CAPABILITIES, "ev-" + seed + "-");
    List<CloudEvent<?>> events = new ArrayList<>();
    for (int p = 0; p < 80; p++) {
      events.addAll(people.person("p" + p));
    }
    Random random = new Random(seed);
    for (int p = 0; p < 6; p++) {
      events.addAll(partner(random, "partner-" + p, "e-" + seed + "-" + p + "-"));
    }
    List<CloudEvent<?>> delivered = people.delivered(events);
    List<ProjectionBatch.Input> inputs = new ArrayList<>();
    long[] offsets = new long[3];
    for (CloudEvent<?> e : delivered) {
      int partition = Math.floorMod(e.subject().hashCode(), 3);
      inputs.add(
          new ProjectionBatch.Input(partition, "events-" + partition, offsets[partition]++, e));
    }
    return inputs;
  }

  private static List<CloudEvent<?>> partner(Random random, String partnerId, String prefix) {
    List<CloudEvent<?>> events = new ArrayList<>();
    LocalDate from = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(300));
    String capability = CAPABILITIES.get(random.nextInt(CAPABILITIES.size()));
    events.add(
        event(
            prefix + "q",
            EventTypes.PARTNER_QUALIFICATION_CHANGED,
            partnerId,
            new PartnerQualificationChanged(
                partnerId,
                "q-" + partnerId,
                List.of(capability),
                QualificationStatus.QUALIFIED,
                from,
                from.plusYears(2))));
    events.add(
        event(
            prefix + "s",
            EventTypes.PARTNER_STATUS_CHANGED,
            partnerId,
            new PartnerStatusChanged(
                partnerId, PartnerStatus.ONBOARDING, PartnerStatus.ACTIVE, from, null)));
    for (int a = 0; a < 3; a++) {
      LocalDate start = from.plusDays(random.nextInt(400));
      events.add(
          event(
              prefix + "a" + a,
              EventTypes.PARTNER_AGREEMENT_SIGNED,
              partnerId,
              new PartnerAgreementSigned(
                  "a-" + partnerId + "-" + a,
                  partnerId,
                  List.of(capability),
                  new BigDecimal(1 + random.nextInt(4)),
                  null,
                  start,
                  start.plusDays(90 + random.nextInt(600)),
                  30)));
    }
    return events;
  }

  private static <T> CloudEvent<T> event(
      String id, io.captrack.schemas.EventType<T> type, String subject, T data) {
    CloudEvent<T> e =
        CloudEvent.of(type, "/test", OffsetDateTime.parse("2026-01-01T00:00:00Z"), subject, data);
    return new CloudEvent<>(id, e.source(), type, e.time(), subject, e.recordedAt(), data);
  }

  private static ProjectionBatch batch() {
    return new ProjectionBatch(
        Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), "/test", TODAY, true);
  }
}
