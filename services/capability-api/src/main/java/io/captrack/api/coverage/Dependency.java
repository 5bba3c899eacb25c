package io.captrack.api.coverage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much a capability depends on single partners: each partner's share of the lent capacity, the
 * Herfindahl-Hirschman index of those shares (0 to 10,000; above 2,500 is highly concentrated) and
 * whether one partner provides all of it.
 */
public record Dependency(Map<String, BigDecimal> shares, int hhi, boolean singleSource) {

  static Dependency of(Map<String, Long> centiByPartner) {
    long total = centiByPartner.values().stream().mapToLong(Long::longValue).sum();
    Map<String, BigDecimal> shares = new TreeMap<>();
    double hhi = 0;
    for (Map.Entry<String, Long> e : centiByPartner.entrySet()) {
      if (e.getValue() <= 0 || total <= 0) {
        continue;
      }
      double share = (double) e.getValue() / total;
      shares.put(e.getKey(), BigDecimal.valueOf(share).setScale(4, RoundingMode.HALF_UP));
      hhi += Math.pow(share * 100, 2);
    }
    return new Dependency(shares, (int) Math.round(hhi), shares.size() == 1);
  }
}
