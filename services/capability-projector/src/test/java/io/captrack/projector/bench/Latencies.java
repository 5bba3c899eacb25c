package io.captrack.projector.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Latencies in milliseconds, summarised by nearest rank. */
final class Latencies {

  /** How many, the median, the 99th percentile and the largest, in ms. */
  record Summary(int count, double p50, double p99, double max) {

    @Override
    public String toString() {
      return count == 0
          ? "none"
          : String.format(
              Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d)", p50, p99, max, count);
    }
  }

  private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

  void add(long nanos) {
    millis.add(nanos / 1e6);
  }

  void addMillis(long ms) {
    millis.add((double) ms);
  }

  Summary summary() {
    List<Double> sorted;
    synchronized (millis) {
      sorted = new ArrayList<>(millis);
    }
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return new Summary(0, 0, 0, 0);
    }
    return new Summary(
        sorted.size(), rank(sorted, 50), rank(sorted, 99), sorted.get(sorted.size() - 1));
  }

  private static double rank(List<Double> sorted, int percent) {
    int rank = (int) Math.max(1, Math.ceil(sorted.size() * percent / 100.0));
    return sorted.get(rank - 1);
  }
}
