package io.captrack.schemas;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
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
    String why = why(value);
    return why == null ? Optional.empty() : Optional.of(path + why);
  }

  /**
   * Where below a value a date is outside the range and which, as the path's rest ({@code
   * .field[2].day 1800-01-01 is outside ...}); null when none is. The path is built only for the
   * date that is outside: the projector's gate asks this of every event it admits.
   */
  private static String why(Object value) {
    if (value instanceof LocalDate day) {
      return accepted(day) ? null : " " + day + " is outside " + FIRST_DAY + ".." + LAST_DAY;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String why = why(list.get(i));
        if (why != null) {
          return "[" + i + "]" + why;
        }
      }
    } else if (value instanceof Record record) {
      for (Component c : COMPONENTS.get(record.getClass())) {
        String why = why(c.read(record));
        if (why != null) {
          return "." + c.name() + why;
        }
      }
    }
    return null;
  }

  /** A record's component: its name and its accessor, looked up once per record class. */
  private record Component(String name, Method accessor) {

    Object read(Record record) {
      try {
        return accessor.invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + name, e);
      }
    }
  }

  private static final ClassValue<List<Component>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
          List<Component> components = new ArrayList<>();
          for (RecordComponent c : type.getRecordComponents()) {
            Method accessor = c.getAccessor();
            // request records of the services are package-private
            accessor.setAccessible(true);
            components.add(new Component(c.getName(), accessor));
          }
          return List.copyOf(components);
        }
      };
}
