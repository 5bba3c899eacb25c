package io.captrack.projector.coverage;

import io.captrack.projector.timeline.Calendar;
import io.captrack.schemas.EventVoided;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The voids of a batch that wait for the event they cancel, and the events of a batch that a
 * waiting void met. A void waits in the history of the owner it is keyed by until that history
 * holds its event: it came first (the two may travel on different topics), or it was keyed by an
 * owner who never holds the event (README, "Voids"). Owners are derived on more than one thread, so
 * both lists take notes from any.
 */
final class VoidNotes {

  /** A void ({@code voidId}) in the history of {@code owner} and the event it cancels. */
  record Wait(String voidId, String owner, String eventId) {}

  private final Queue<Wait> waiting = new ConcurrentLinkedQueue<>();
  private final Queue<Wait> met = new ConcurrentLinkedQueue<>();

  /**
   * Derives an event ({@code derive} adds it to the owner's history and says what it changed, null
   * when the history held it already) and notes what it did to voids: an event a void of the
   * history waited for ({@code awaited}, asked before and after) meets it; a void whose event the
   * history does not hold waits.
   */
  Map<String, Calendar> derived(
      ProjectionBatch.Input in,
      ProjectionBatch.Owner owner,
      Predicate<String> awaited,
      Supplier<Map<String, Calendar>> derive) {
    String id = in.event().id();
    boolean wasAwaited = awaited.test(id);
    Map<String, Calendar> changes = derive.get();
    if (changes == null) {
      return null;
    }
    if (wasAwaited) {
      met.add(new Wait(null, owner.key(), id));
    }
    if (in.event().data() instanceof EventVoided v && awaited.test(v.voidedEventId())) {
      waiting.add(new Wait(id, owner.key(), v.voidedEventId()));
    }
    return changes;
  }

  /** The batch's voids that wait, by void id. */
  List<Wait> waiting() {
    return sorted(waiting, Wait::voidId);
  }

  /** The batch's events that a waiting void met, by event id. */
  List<Wait> met() {
    return sorted(met, Wait::eventId);
  }

  /**
   * The owners ({@code <collection>:<id>}) whose voids that wait the batch changed: a void of
   * theirs began to wait, or one met its event. Asked once derivation is over.
   */
  Set<String> changedOwners() {
    if (waiting.isEmpty() && met.isEmpty()) {
      return Set.of();
    }
    Set<String> owners = new HashSet<>();
    waiting.forEach(w -> owners.add(w.owner()));
    met.forEach(w -> owners.add(w.owner()));
    return owners;
  }

  private static List<Wait> sorted(Queue<Wait> notes, Function<Wait, String> by) {
    List<Wait> list = new ArrayList<>(notes);
    list.sort(Comparator.comparing(by));
    return list;
  }
}
