package io.captrack.schemas;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The dates captrack accepts anywhere, in commands and in events: from {@link #FIRST_DAY} to {@link
 * #LAST_DAY}. Producers refuse a command with a date outside; the projector dead-letters an event
 * with one.
 */
public final class EffectiveDates {

  /** The earliest date accepted. */
  public static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);

  /** The latest date accepted. */
  public static final LocalDate LAST_DAY = LocalDate.of(2199, 12, 31);

  private EffectiveDates() {}

  /** Whether a day is within the accepted range. */
  public static boolean accepted(LocalDate day) {
    return !day.isBefore(FIRST_DAY) && !day.isAfter(LAST_DAY);
  }

  /**
   * Why a value (a record, however deep, a list or a date) holds a date outside the range, naming
   * where; empty when it does not.
   */
  public static Optional<String> outOfRange(Object value, String path) {
    if (value instanceof LocalDate day) {
      return accepted(day)
          ? Optional.empty()
          : Optional.of(path + " " + day + " is outside " + FIRST_DAY + ".." + LAST_DAY);
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Optional<String> why = outOfRange(list.get(i), path + "[" + i + "]");
        if (why.isPresent()) {
          return why;
        }
      }
    } else if (value instanceof Record record) {
      for (RecordComponent c : record.getClass().getRecordComponents()) {
        Object component;
        try {
          // request records of the services are package-private
          c.getAccessor().setAccessible(true);
          component = c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + c.getName(), e);
        }
        Optional<String> why = outOfRange(component, path + "." + c.getName());
        if (why.isPresent()) {
          return why;
        }
      }
    }
    return Optional.empty();
  }
}
