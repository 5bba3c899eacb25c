package io.captrack.projector.coverage;

import io.captrack.projector.coverage.ProjectionBatch.Input;
import io.captrack.projector.coverage.ProjectionBatch.Owner;
import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.Expiry;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.capability.CapabilityTargetSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A batch's records applied in their order, as {@link ProjectionBatch#apply} would one after
 * another. A batch's worth ({@link Helpers#WORTH_SHARING} records or more) goes in three passes:
 *
 * <ol>
 *   <li>whose history each record changes, in order (a void finds the person of an event earlier in
 *       the batch);
 *   <li>each owner's records derived in their order, the owners shared between a helper thread and
 *       the batch's own: a history is read and changed by one thread only, and deriving reads
 *       nothing else that changes (the batch's maps of histories are only read meanwhile);
 *   <li>each record's changes carried, in order, to the capabilities and the owner documents, so
 *       that causes, positions and deltas come out as one record after another leaves them.
 * </ol>
 *
 * The first record that cannot be applied is named by its position, as one after another would meet
 * it: each owner's records stop at its first failure, which no other owner's records depend on, and
 * the carrying stops at the first failure in order.
 */
final class BatchDerivation {

  private BatchDerivation() {}

  /** What a batch does with its records, step by step; {@link ProjectionBatch} does it. */
  interface Steps {

    /** One record applied as a whole. */
    void apply(Input in);

    /** The owner of an event, a void's the one it is keyed by; null for an event of no one. */
    Owner ownerOf(CloudEvent<?> event);

    /** The owner's history, begun empty for an owner the batch did not read. */
    Object historyOf(Owner owner);

    /** What the owner has ending on a known day, by key; null when it has no expiries. */
    Map<String, Expiry> expiriesOf(Owner owner);

    /** The event added to its owner's history, and the difference it made; null when known. */
    Map<String, Calendar> derive(Input in, Owner owner);

    /** What owners had ending on a known day before the batch, noted where not noted yet. */
    void noteExpiries(Map<String, Map<String, Expiry>> expiries);

    /** A planner's target applied. */
    void target(Input in, CapabilityTargetSet target);

    /** What an event changed carried to the capabilities and its owner's documents. */
    void settle(Input in, Owner owner, Map<String, Calendar> changes);
  }

  /**
   * Applies {@code inputs} to {@code batch}; throws a {@link PoisonRecordException} naming the
   * position (in {@code inputs}) of the first that cannot be applied.
   */
  static void applyAll(Steps batch, List<Input> inputs) {
    int n = inputs.size();
    if (n < Helpers.WORTH_SHARING) {
      for (int k = 0; k < n; k++) {
        try {
          batch.apply(inputs.get(k));
        } catch (RuntimeException e) {
          throw new PoisonRecordException(k, e);
        }
      }
      return;
    }
    Owner[] ownerAt = new Owner[n];
    Map<Owner, List<Integer>> byOwner = new LinkedHashMap<>();
    int limit = n;
    RuntimeException unresolved = null;
    for (int k = 0; k < n; k++) {
      CloudEvent<?> event = inputs.get(k).event();
      if (event.data() instanceof CapabilityTargetSet) {
        continue;
      }
      try {
        Owner owner = batch.ownerOf(event);
        if (owner == null) {
          continue;
        }
        batch.historyOf(owner);
        ownerAt[k] = owner;
        byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(k);
      } catch (RuntimeException e) {
        limit = k;
        unresolved = e;
        break;
      }
    }
    Derivations derived = derive(batch, inputs, byOwner, limit);
    batch.noteExpiries(derived.expiries());
    for (int k = 0; k < limit; k++) {
      Input in = inputs.get(k);
      try {
        if (in.event().data() instanceof CapabilityTargetSet t) {
          batch.target(in, t);
        } else if (ownerAt[k] != null) {
          if (derived.failed()[k] != null) {
            throw derived.failed()[k];
          }
          batch.settle(in, ownerAt[k], derived.changes()[k]);
        }
      } catch (RuntimeException e) {
        throw new PoisonRecordException(k, e);
      }
    }
    if (unresolved != null) {
      throw new PoisonRecordException(limit, unresolved);
    }
  }

  /**
   * What each record before the limit changes in its owner's history, by position (null: known
   * already, or not derived), or what deriving it threw; and what each owner had ending on a known
   * day before the batch. Both threads write the same arrays, each at its own owners' positions;
   * the helper's writes are seen once its future is done.
   */
  private record Derivations(
      Map<String, Calendar>[] changes,
      RuntimeException[] failed,
      Map<String, Map<String, Expiry>> expiries) {}

  private static Derivations derive(
      Steps batch, List<Input> inputs, Map<Owner, List<Integer>> byOwner, int limit) {
    // owners dealt to two shares of about as many records each, in the order they came
    List<Map.Entry<Owner, List<Integer>>> mine = new ArrayList<>();
    List<Map.Entry<Owner, List<Integer>>> helpers = new ArrayList<>();
    int inMine = 0;
    int inHelpers = 0;
    for (Map.Entry<Owner, List<Integer>> e : byOwner.entrySet()) {
      if (inMine <= inHelpers) {
        mine.add(e);
        inMine += e.getValue().size();
      } else {
        helpers.add(e);
        inHelpers += e.getValue().size();
      }
    }
    RuntimeException[] failed = new RuntimeException[inputs.size()];
    @SuppressWarnings("unchecked")
    Map<String, Calendar>[] changes = new Map[inputs.size()];
    Future<Derivations> other =
        Helpers.POOL.submit(() -> derive(batch, inputs, helpers, limit, changes, failed));
    Derivations here = derive(batch, inputs, mine, limit, changes, failed);
    Derivations there;
    try {
      there = other.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a batch was derived", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("deriving a batch failed", e.getCause());
    }
    // by owner id, in the order the owners' first records came, as applying notes them
    Map<String, Map<String, Expiry>> expiries = new LinkedHashMap<>();
    for (Owner owner : byOwner.keySet()) {
      Map<String, Expiry> e = here.expiries().get(owner.key());
      if (e == null) {
        e = there.expiries().get(owner.key());
      }
      if (e != null) {
        expiries.putIfAbsent(owner.id(), e);
      }
    }
    return new Derivations(changes, failed, expiries);
  }

  /**
   * One share of the owners: each one's expiries before the batch, then its records derived in
   * their order up to the first that throws (its changes and its failure noted at their positions).
   * Expiries are keyed by owner key here.
   */
  private static Derivations derive(
      Steps batch,
      List<Input> inputs,
      List<Map.Entry<Owner, List<Integer>>> share,
      int limit,
      Map<String, Calendar>[] changes,
      RuntimeException[] failed) {
    Map<String, Map<String, Expiry>> expiries = new HashMap<>();
    for (Map.Entry<Owner, List<Integer>> e : share) {
      Owner owner = e.getKey();
      List<Integer> positions = e.getValue();
      try {
        Map<String, Expiry> before = batch.expiriesOf(owner);
        if (before != null) {
          expiries.put(owner.key(), before);
        }
      } catch (RuntimeException x) {
        failed[positions.get(0)] = x;
        continue;
      }
      for (int k : positions) {
        if (k >= limit) {
          break;
        }
        try {
          changes[k] = batch.derive(inputs.get(k), owner);
        } catch (RuntimeException x) {
          failed[k] = x;
          break;
        }
      }
    }
    return new Derivations(changes, failed, expiries);
  }
}
