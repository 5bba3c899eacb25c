package io.captrack.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded choices, so that a seed writes the same history. */
final class Random {

  private final SplittableRandom random;

  Random(long seed) {
    this.random = new SplittableRandom(seed);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  int between(int from, int to) {
    return random.nextInt(from, to + 1);
  }

  /** A Poisson-like count with the given mean, for events per month. */
  int count(double mean) {
    int whole = (int) mean;
    return whole + (chance(mean - whole) ? 1 : 0);
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A day of {@code month}, not after {@code last}. */
  LocalDate dayOf(LocalDate month, LocalDate last) {
    LocalDate day = month.withDayOfMonth(between(1, month.lengthOfMonth()));
    return day.isAfter(last) ? last : day;
  }
}
