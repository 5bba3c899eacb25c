package io.captrack.api.coverage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Reads coverage documents that capability-projector maintains. */
@Component
class CoverageQueries {

  private final MongoCollection<Document> coverage;

  CoverageQueries(MongoDatabase database) {
    this.coverage = database.getCollection("coverage");
  }

  List<CoverageView> all() {
    return coverage
        .find()
        .projection(new Document("outbox", 0).append("holdings", 0))
        .sort(new Document("_id", 1))
        .map(CoverageQueries::view)
        .into(new ArrayList<>());
  }

  Optional<CoverageView> one(String capabilityId) {
    return Optional.ofNullable(
            coverage.find(eq("_id", capabilityId)).projection(new Document("outbox", 0)).first())
        .map(CoverageQueries::view);
  }

  private static CoverageView view(Document d) {
    Map<String, Integer> byLevel = counters(d.get("holdersByLevel", Document.class));
    BigDecimal fte = BigDecimal.valueOf(number(d.get("partnerFteCenti")), 2).stripTrailingZeros();
    Document t = d.get("target", Document.class);
    CoverageView.Target target =
        t == null
            ? null
            : new CoverageView.Target(
                t.getInteger("level"),
                t.getInteger("headcount"),
                BigDecimal.valueOf(((Number) t.get("fte")).doubleValue()).stripTrailingZeros());
    CoverageView.Gap gap = null;
    if (target != null) {
      int atTarget =
          byLevel.entrySet().stream()
              .filter(e -> Integer.parseInt(e.getKey()) >= target.level())
              .mapToInt(Map.Entry::getValue)
              .sum();
      gap =
          new CoverageView.Gap(
              Math.max(0, target.headcount() - atTarget),
              target.fte().subtract(fte).max(BigDecimal.ZERO).stripTrailingZeros());
    }
    return new CoverageView(
        d.getString("_id"),
        d.getString("name"),
        d.getString("area"),
        (int) number(d.get("holders")),
        byLevel,
        counters(d.get("holdersByChannel", Document.class)),
        fte,
        target,
        gap,
        d.getDate("updatedAt") == null ? null : d.getDate("updatedAt").toInstant());
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static Map<String, Integer> counters(Document d) {
    Map<String, Integer> counts = new TreeMap<>();
    if (d != null) {
      d.forEach(
          (k, v) -> {
            int n = ((Number) v).intValue();
            if (n != 0) {
              counts.put(k, n);
            }
          });
    }
    return counts;
  }
}
