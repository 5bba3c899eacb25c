package io.captrack.projector.coverage;

import io.captrack.schemas.capability.CoverageFigures;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of one capability's coverage, changed by deltas. FTE is kept in hundredths so that
 * sums stay exact.
 */
final class Figures {

  private int holders;
  private final Map<String, Integer> byLevel = new TreeMap<>();
  private final Map<String, Integer> byChannel = new TreeMap<>();
  private long partnerFteCenti;

  Figures(
      int holders, Map<String, Integer> byLevel, Map<String, Integer> byChannel, long fteCenti) {
    this.holders = holders;
    this.byLevel.putAll(byLevel);
    this.byChannel.putAll(byChannel);
    this.partnerFteCenti = fteCenti;
  }

  Figures copy() {
    return new Figures(holders, byLevel, byChannel, partnerFteCenti);
  }

  void add(Holding.Contribution c, int sign) {
    holders += sign;
    byLevel.merge(Integer.toString(c.level()), sign, Integer::sum);
    byChannel.merge(c.channel().name(), sign, Integer::sum);
    byLevel.values().removeIf(v -> v == 0);
    byChannel.values().removeIf(v -> v == 0);
  }

  void addFte(long centi) {
    partnerFteCenti += centi;
  }

  int holders() {
    return holders;
  }

  Map<String, Integer> byLevel() {
    return byLevel;
  }

  Map<String, Integer> byChannel() {
    return byChannel;
  }

  long partnerFteCenti() {
    return partnerFteCenti;
  }

  CoverageFigures toEvent() {
    return new CoverageFigures(
        holders, byLevel, byChannel, BigDecimal.valueOf(partnerFteCenti, 2).stripTrailingZeros());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Figures f
        && holders == f.holders
        && partnerFteCenti == f.partnerFteCenti
        && byLevel.equals(f.byLevel)
        && byChannel.equals(f.byChannel);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(partnerFteCenti) * 31 + holders;
  }
}
