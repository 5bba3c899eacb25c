package io.captrack.projector.timeline;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The events that a history's voids cancel and the history does not hold: what those voids wait
 * for. A void that comes before its event (the two may travel on different topics) waits until the
 * event arrives; one keyed by an owner whose history never holds the event waits for good (README,
 * "Voids"). Nearly every history has none, and allocates nothing for them.
 */
final class AwaitedEvents {

  /** The void that waits for each event, by the event's id. */
  private Map<String, String> voidOf;

  /**
   * A fact was added to the history: it is no longer awaited; a void ({@code cancels} the id of
   * what it cancels, null for any other fact) whose event the history does not hold ({@code held}
   * false) waits for it.
   */
  void added(String id, String cancels, boolean held) {
    if (voidOf != null) {
      voidOf.remove(id);
    }
    if (cancels != null && !held) {
      if (voidOf == null) {
        voidOf = new HashMap<>(4);
      }
      voidOf.put(cancels, id);
    }
  }

  /** Whether a void of the history waits for this event. */
  boolean awaited(String eventId) {
    return voidOf != null && voidOf.containsKey(eventId);
  }

  /** The void that waits for each awaited event, by the event's id, in id order; often empty. */
  Map<String, String> byEvent() {
    return voidOf == null || voidOf.isEmpty() ? Map.of() : new TreeMap<>(voidOf);
  }
}
