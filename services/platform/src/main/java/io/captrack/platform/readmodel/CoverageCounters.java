package io.captrack.platform.readmodel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A capability's figures on a day, read from the counters of its calendar ({@link
 * CoverageCalendar}) as README names them: {@code holders}, holders by level ({@code L<n>}), by
 * channel ({@code BUILD}, {@code BUY}, {@code BORROW}, {@code REDEPLOY}) and the capacity partners
 * lend, in hundredths of a full-time equivalent ({@code fte}). capability-projector announces these
 * figures in its change events and capability-api answers with them; both read them here.
 *
 * @param holders people who hold the capability
 * @param byLevel holders by level (the level's number as text)
 * @param byChannel holders by the channel they acquired it through
 * @param fte the capacity partners lend, in full-time equivalents
 */
public record CoverageCounters(
    int holders, Map<String, Integer> byLevel, Map<String, Integer> byChannel, BigDecimal fte) {

  /** The channels a capability is acquired through, each a counter of its own. */
  public static final List<String> CHANNELS = List.of("BUILD", "BUY", "BORROW", "REDEPLOY");

  /** The figures in a day's counters; counters of other kinds are left out. */
  public static CoverageCounters of(Map<String, Long> counters) {
    Map<String, Integer> byLevel = new TreeMap<>();
    Map<String, Integer> byChannel = new TreeMap<>();
    counters.forEach(
        (k, v) -> {
          if (isLevel(k)) {
            byLevel.put(k.substring(1), v.intValue());
          } else if (isChannel(k)) {
            byChannel.put(k, v.intValue());
          }
        });
    return new CoverageCounters(
        counters.getOrDefault("holders", 0L).intValue(),
        byLevel,
        byChannel,
        BigDecimal.valueOf(counters.getOrDefault("fte", 0L), 2).stripTrailingZeros());
  }

  /**
   * Whether a counter is one of the figures ({@link #of}): holders, levels, channels and the
   * capacity lent in all. The others (per partner, time to capability, requisitions, enrolments,
   * onboarding) are many, and a reader of the figures alone need not sum them.
   */
  public static boolean isFigure(String counter) {
    return switch (counter) {
      case "holders", "fte" -> true;
      default -> isLevel(counter) || isChannel(counter);
    };
  }

  /** Whether a counter is one of the {@link #CHANNELS}. */
  public static boolean isChannel(String counter) {
    return switch (counter) {
      case "BUILD", "BUY", "BORROW", "REDEPLOY" -> true;
      default -> false;
    };
  }

  private static boolean isLevel(String counter) {
    return counter.startsWith("L");
  }
}
