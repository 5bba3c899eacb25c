package io.captrack.simulator;

import java.time.LocalDate;

/**
 * The company a simulation writes the history of.
 *
 * @param people its headcount at the start (it grows by about a third over the years)
 * @param years how many years of history, ending today
 * @param partners partners and suppliers it onboards over those years
 * @param seed the same seed writes the same history (ids and dates relative to today)
 * @param today the last day of the history
 */
public record Company(int people, int years, int partners, long seed, LocalDate today) {

  public Company {
    if (people < 5 || people > 20_000) {
      throw new IllegalArgumentException("people must be between 5 and 20,000");
    }
    if (years < 1 || years > 10) {
      throw new IllegalArgumentException("years must be between 1 and 10");
    }
    if (partners < 1 || partners > 500) {
      throw new IllegalArgumentException("partners must be between 1 and 500");
    }
  }

  /** What {@code deploy/run-local.sh --demo} writes: 3 years of a 250-person company. */
  public static Company demo(LocalDate today) {
    return new Company(250, 3, 12, 42, today);
  }

  LocalDate start() {
    return today.minusYears(years).withDayOfMonth(1);
  }
}
