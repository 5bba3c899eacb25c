package io.captrack.api.stream;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a subscriber stands in {@code capability.changes}: the next offset per partition. It is the
 * id of every event the stream sends ({@code 0:12,1:7,2:30}), so that a client's {@code
 * Last-Event-ID} says exactly where to resume.
 */
record StreamPosition(Map<Integer, Long> next) {

  private static final Pattern FORMAT =
      Pattern.compile("([^@\\s]{1,200}@)?(\\d{1,4}:\\d{1,19}(,\\d{1,4}:\\d{1,19}){0,255})");

  StreamPosition {
    next = Map.copyOf(next);
  }

  static boolean valid(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }

  static StreamPosition parse(String id) {
    if (!valid(id)) {
      throw new IllegalArgumentException("not a stream position: " + id);
    }
    Map<Integer, Long> next = new TreeMap<>();
    for (String part : id.substring(id.indexOf('@') + 1).split(",")) {
      int colon = part.indexOf(':');
      next.put(
          Integer.parseInt(part.substring(0, colon)), Long.parseLong(part.substring(colon + 1)));
    }
    return new StreamPosition(next);
  }

  String encode() {
    return new TreeMap<>(next)
        .entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue())
            .collect(Collectors.joining(","));
  }
}
