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

  /**
   * The stretches of {@code old} with those over {@code [from, to)} replaced by {@code middle}
   * (stretches within those days; {@code to} null: to the end), equal neighbours that touch merged.
   */
  public static <T> List<Segment<T>> splice(
      List<Segment<T>> old, LocalDate from, LocalDate to, List<Segment<T>> middle) {
    List<Segment<T>> spliced = new ArrayList<>(old.size() + middle.size());
    for (Segment<T> s : old) {
      if (s.from().isBefore(from)) {
        append(spliced, new Segment<>(s.from(), earlier(s.to(), from), s.value()));
      }
    }
    middle.forEach(s -> append(spliced, s));
    if (to != null) {
      for (Segment<T> s : old) {
        if (s.to() == null || s.to().isAfter(to)) {
          append(spliced, new Segment<>(s.from().isBefore(to) ? to : s.from(), s.to(), s.value()));
        }
      }
    }
    return List.copyOf(spliced);
  }

  private static <T> void append(List<Segment<T>> segments, Segment<T> s) {
    if (!segments.isEmpty()) {
      Segment<T> last = segments.get(segments.size() - 1);
      if (s.from().equals(last.to()) && s.value().equals(last.value())) {
        segments.set(segments.size() - 1, new Segment<>(last.from(), s.to(), s.value()));
        return;
      }
    }
    segments.add(s);
  }

  private static LocalDate earlier(LocalDate to, LocalDate day) {
    return to == null || day.isBefore(to) ? day : to;
  }
}
