package io.captrack.projector.coverage;

import io.captrack.projector.timeline.Calendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The changes an owner document (person, partner, requisition) carries for the batch that last
 * wrote it ({@code pending: {n, d: [{c: capabilityId, x: [[day, counter, change], ...]}]}}), so
 * that whoever completes an interrupted batch can apply them to coverage.
 */
final class PendingDeltas {

  private PendingDeltas() {}

  /** An owner's entry for batch {@code n}: its changes to each capability, or none. */
  static Document encode(Map<String, Calendar> deltas, long n) {
    List<Document> d = new ArrayList<>();
    if (deltas != null) {
      deltas.forEach(
          (capabilityId, calendar) -> {
            List<List<Object>> changes = new ArrayList<>();
            calendar
                .changes()
                .forEach(
                    (day, counters) ->
                        counters.forEach((k, v) -> changes.add(List.of(day.toString(), k, v))));
            d.add(new Document("c", capabilityId).append("x", changes));
          });
    }
    return new Document("n", n).append("d", d);
  }

  /** Adds an owner's entry to the sums per capability, if it is batch {@code n}'s. */
  static void addTo(Document pending, long n, Map<String, Calendar> sums) {
    if (pending == null || pending.get("n", Number.class).longValue() != n) {
      return;
    }
    for (Document delta : pending.getList("d", Document.class, List.of())) {
      Calendar calendar = sums.computeIfAbsent(delta.getString("c"), c -> new Calendar());
      for (List<?> change : delta.getList("x", List.class, List.of())) {
        calendar.put(
            LocalDate.parse((String) change.get(0)),
            (String) change.get(1),
            ((Number) change.get(2)).longValue());
      }
    }
  }
}
