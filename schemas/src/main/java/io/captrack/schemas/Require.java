package io.captrack.schemas;

import java.math.BigDecimal;
import java.util.List;

/** Invariant checks shared by the event records; a violation makes the event unreadable. */
public final class Require {

  private Require() {}

  /** A non-blank string. */
  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** A non-null value. */
  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** A non-empty list, copied so that the record stays immutable. */
  public static <T> List<T> nonEmpty(List<T> value, String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return List.copyOf(value);
  }

  /** A level on the canonical 0..7 scale. */
  public static int level(int value, String field) {
    if (value < 0 || value > 7) {
      throw new IllegalArgumentException(field + " must be between 0 and 7");
    }
    return value;
  }

  /** A non-negative decimal. */
  public static BigDecimal nonNegative(BigDecimal value, String field) {
    present(value, field);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(field + " must not be negative");
    }
    return value;
  }
}
