package io.captrack.api;

import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Writes a capability as README lays out the read model: given its whole calendar of changes by day
 * under {@code calendar}, each month's changes and their sum ({@code net}) go to a document of
 * {@code coverage_months}, the sum of all to {@code total} of the capability's document and the
 * latest month to its {@code latestMonth}.
 */
final class CoverageFixtures {

  private CoverageFixtures() {}

  static void insert(MongoDatabase database, Document capability) {
    insert(database, capability, true);
  }

  /**
   * @param withTotal false writes a capability document as a generation written before totals has
   *     it (each month's net change in {@code months}, no {@code keepsTotal}), with a partial total
   *     that a newer projector added
   */
  static void insert(MongoDatabase database, Document capability, boolean withTotal) {
    String id = capability.getString("_id");
    Document calendar = (Document) capability.remove("calendar");
    Map<String, Document> days = new TreeMap<>();
    TreeMap<String, Document> totals = new TreeMap<>();
    calendar.forEach(
        (day, counters) -> {
          String month = day.substring(0, 7);
          // README: each day's change of a counter as a field <dd>|<counter> of the month document
          ((Document) counters)
              .forEach(
                  (k, v) ->
                      days.computeIfAbsent(month, m -> new Document())
                          .append(day.substring(8) + "|" + k, v));
          Document total = totals.computeIfAbsent(month, m -> new Document());
          ((Document) counters)
              .forEach(
                  (k, v) ->
                      total.put(
                          k,
                          ((Number) total.getOrDefault(k, 0)).longValue()
                              + ((Number) v).longValue()));
        });
    days.forEach(
        (month, changes) -> {
          Document document =
              new Document("_id", id + "|" + month)
                  .append("capabilityId", id)
                  .append("month", month);
          document.putAll(changes);
          if (withTotal) {
            document.append("net", totals.get(month));
          }
          database.getCollection("coverage_months").insertOne(document);
        });
    if (!withTotal) {
      capability.append("months", new Document(totals));
      // what a newer projector adds to an older generation's document is not its whole total
      capability.append("total", new Document("holders", 7));
    } else {
      Document total = new Document();
      totals.values().forEach(t -> t.forEach((k, v) -> total.merge(k, v, (a, b) -> sum(a, b))));
      capability.append("total", total).append("keepsTotal", true);
      if (!totals.isEmpty()) {
        capability.append("latestMonth", totals.lastKey());
      }
    }
    database.getCollection("coverage").insertOne(capability);
  }

  private static Object sum(Object a, Object b) {
    return ((Number) a).longValue() + ((Number) b).longValue();
  }
}
