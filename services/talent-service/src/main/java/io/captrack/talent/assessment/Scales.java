package io.captrack.talent.assessment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scales sources assess on, each with its rule to the canonical 0..7 level. The raw value and
 * the scale travel beside the canonical level, so a rule can be revisited without losing data.
 */
final class Scales {

  static final List<String> NAMES =
      List.of("canonical", "five-point", "percent", "three-point", "dreyfus");

  private static final Map<String, Integer> THREE_POINT =
      Map.of("basic", 2, "intermediate", 3, "advanced", 5);
  private static final Map<String, Integer> DREYFUS =
      Map.of("novice", 1, "advanced-beginner", 2, "competent", 3, "proficient", 4, "expert", 5);
  private static final int[] PERCENT_FLOORS = {0, 15, 30, 45, 60, 75, 85, 95};

  private Scales() {}

  /** The canonical level of {@code raw} on {@code scale}, or empty when it is not a value there. */
  static Optional<Integer> canonical(String scale, String raw) {
    String value = raw.trim().toLowerCase(Locale.ROOT);
    return switch (scale) {
      case "canonical" -> integer(value).filter(v -> v >= 0 && v <= 7);
      case "five-point" -> integer(value).filter(v -> v >= 1 && v <= 5);
      case "percent" -> percent(value);
      case "three-point" -> Optional.ofNullable(THREE_POINT.get(value));
      case "dreyfus" -> Optional.ofNullable(DREYFUS.get(value));
      default -> Optional.empty();
    };
  }

  private static Optional<Integer> percent(String value) {
    try {
      BigDecimal p = new BigDecimal(value);
      if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
        return Optional.empty();
      }
      int level = 0;
      for (int i = 0; i < PERCENT_FLOORS.length; i++) {
        if (p.compareTo(BigDecimal.valueOf(PERCENT_FLOORS[i])) >= 0) {
          level = i;
        }
      }
      return Optional.of(level);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> integer(String value) {
    try {
      return Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
