package io.captrack.api.coverage;

import io.captrack.platform.readmodel.CoverageCalendar;
import io.captrack.platform.readmodel.CoverageCounters;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** A capability's answer ({@link CoverageView}) on a day, computed from its documents. */
final class CoverageViews {

  private CoverageViews() {}

  /**
   * Counters {@code ttc:<channel>:<days>} (how many took that long) as median and p90 per channel.
   */
  static Map<String, CoverageView.TimeToCapability> timeToCapability(Map<String, Long> counters) {
    Map<String, TreeMap<Long, Long>> histograms = new TreeMap<>();
    counters.forEach(
        (k, v) -> {
          if (k.startsWith("ttc:") && v > 0) {
            String[] parts = k.split(":");
            histograms
                .computeIfAbsent(parts[1], c -> new TreeMap<>())
                .merge(Long.parseLong(parts[2]), v, Long::sum);
          }
        });
    Map<String, CoverageView.TimeToCapability> answer = new TreeMap<>();
    histograms.forEach(
        (channel, histogram) -> {
          long count = histogram.values().stream().mapToLong(Long::longValue).sum();
          answer.put(
              channel,
              new CoverageView.TimeToCapability(
                  count, rank(histogram, count, 50), rank(histogram, count, 90)));
        });
    return answer;
  }

  /** The nearest-rank percentile of a histogram of days. */
  private static long rank(TreeMap<Long, Long> histogram, long count, int percent) {
    long rank = Math.max(1, (count * percent + 99) / 100);
    long seen = 0;
    for (Map.Entry<Long, Long> e : histogram.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return e.getKey();
      }
    }
    return histogram.lastKey();
  }

  /**
   * The target in force on a day: the latest a planner set from that day or before (later recording
   * wins a tie), else the one seeded from the taxonomy.
   */
  static CoverageView.Target targetOn(Document d, LocalDate day) {
    Document planned = null;
    for (Object v : d.get("targets", new Document()).values()) {
      Document x = (Document) v;
      if (LocalDate.parse(x.getString("from")).isAfter(day)) {
        continue;
      }
      if (planned == null
          || x.getString("from").compareTo(planned.getString("from")) > 0
          || (x.getString("from").equals(planned.getString("from"))
              && x.getString("recordedAt").compareTo(planned.getString("recordedAt")) > 0)) {
        planned = x;
      }
    }
    if (planned != null) {
      return new CoverageView.Target(
          planned.getInteger("level"),
          planned.getInteger("headcount"),
          BigDecimal.valueOf(((Number) planned.get("fteCenti")).longValue(), 2)
              .stripTrailingZeros());
    }
    Document t = d.get("target", Document.class);
    return t == null
        ? null
        : new CoverageView.Target(
            t.getInteger("level"),
            t.getInteger("headcount"),
            BigDecimal.valueOf(((Number) t.get("fte")).doubleValue()).stripTrailingZeros());
  }

  /** The answer for a capability's document (with its months) and its month document on a day. */
  static CoverageView view(Document d, Document month, LocalDate asOf) {
    Map<String, Long> counters = CoverageCalendar.countersOn(d, month, asOf);
    CoverageCounters figures = CoverageCounters.of(counters);
    Map<String, Integer> byLevel = figures.byLevel();
    BigDecimal fte = figures.fte();
    Map<String, Long> fteByPartner = new TreeMap<>();
    counters.forEach(
        (k, v) -> {
          if (k.startsWith("fte:")) {
            fteByPartner.put(k.substring(4), v);
          }
        });
    CoverageView.Target target = targetOn(d, asOf);
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
        asOf,
        figures.holders(),
        byLevel,
        figures.byChannel(),
        fte,
        target,
        gap,
        new CoverageView.Pipeline(
            counters.getOrDefault("requisitions", 0L),
            counters.getOrDefault("enrolling", 0L),
            counters.getOrDefault("onboarding", 0L)),
        timeToCapability(counters),
        Dependency.of(fteByPartner),
        d.getDate("updatedAt") == null ? null : d.getDate("updatedAt").toInstant());
  }
}
