package io.captrack.api;

import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Writes a capability as README lays out the read model: given its whole calendar of changes by day
 * under {@code calendar}, each month's changes go to a document of {@code coverage_months} and each
 * month's net change to {@code months} of the capability's document.
 */
final class CoverageFixtures {

  private CoverageFixtures() {}

  static void insert(MongoDatabase database, Document capability) {
    String id = capability.getString("_id");
    Document calendar = (Document) capability.remove("calendar");
    Map<String, Document> days = new TreeMap<>();
    Map<String, Document> totals = new TreeMap<>();
    calendar.forEach(
        (day, counters) -> {
          String month = day.substring(0, 7);
          days.computeIfAbsent(month, m -> new Document()).append(day, counters);
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
        (month, changes) ->
            database
                .getCollection("coverage_months")
                .insertOne(
                    new Document("_id", id + "|" + month)
                        .append("capabilityId", id)
                        .append("month", month)
                        .append("days", changes)));
    database.getCollection("coverage").insertOne(capability.append("months", new Document(totals)));
  }
}
