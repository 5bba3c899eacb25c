package io.captrack.projector.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A stretch of days {@code [from, to)} with one value; {@code to} is null when it lasts.
 *
 * @param value what holds over the stretch
 */
public record Segment<T>(LocalDate from, LocalDate to, T value) {

  /** The stretches where a piecewise-constant function has a value, equal neighbours merged. */
  public static <T> List<Segment<T>> of(
      Set<LocalDate> boundaries, Function<LocalDate, Optional<T>> valueOn) {
    List<Segment<T>> segments = new ArrayList<>();
    LocalDate start = null;
    T current = null;
    for (LocalDate day : new TreeSet<>(boundaries)) {
      T value = valueOn.apply(day).orElse(null);
      if (Objects.equals(value, current)) {
        continue;
      }
      if (current != null) {
        segments.add(new Segment<>(start, day, current));
      }
      start = day;
      current = value;
    }
    if (current != null) {
      segments.add(new Segment<>(start, null, current));
    }
    return segments;
  }
}
