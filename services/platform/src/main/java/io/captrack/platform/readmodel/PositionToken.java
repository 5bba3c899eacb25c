package io.captrack.platform.readmodel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a write's events landed in Kafka, as producers hand it to their callers ({@code
 * Captrack-Position}) and capability-api takes it back ({@code ?after=}): the highest offset per
 * topic partition, opaque to clients ({@code v1.} and base64url of {@code topic:partition:offset}
 * pairs).
 */
public record PositionToken(Map<String, Map<Integer, Long>> offsets) {

  private static final String VERSION = "v1.";
  private static final Pattern PAIR = Pattern.compile("[a-z][a-z0-9._-]{0,100}:\\d{1,4}:\\d{1,19}");

  public PositionToken {
    Map<String, Map<Integer, Long>> copy = new TreeMap<>();
    offsets.forEach((topic, partitions) -> copy.put(topic, Map.copyOf(new TreeMap<>(partitions))));
    offsets = Map.copyOf(copy);
  }

  /** One event's place. */
  public record Place(String topic, int partition, long offset) {}

  public static PositionToken of(List<Place> places) {
    Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
    for (Place place : places) {
      offsets
          .computeIfAbsent(place.topic(), t -> new TreeMap<>())
          .merge(place.partition(), place.offset(), Math::max);
    }
    return new PositionToken(offsets);
  }

  public String encode() {
    List<String> pairs = new ArrayList<>();
    new TreeMap<>(offsets)
        .forEach(
            (topic, partitions) ->
                new TreeMap<>(partitions).forEach((p, o) -> pairs.add(topic + ":" + p + ":" + o)));
    return VERSION
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(String.join(",", pairs).getBytes(StandardCharsets.UTF_8));
  }

  /** The token a producer gave; IllegalArgumentException when it is not one. */
  public static PositionToken decode(String token) {
    if (token == null || !token.startsWith(VERSION) || token.length() > 4096) {
      throw new IllegalArgumentException("not a position token");
    }
    String text;
    try {
      text =
          new String(
              Base64.getUrlDecoder().decode(token.substring(VERSION.length())),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a position token", e);
    }
    List<Place> places = new ArrayList<>();
    for (String pair : text.split(",")) {
      if (!PAIR.matcher(pair).matches()) {
        throw new IllegalArgumentException("not a position token");
      }
      String[] parts = pair.split(":");
      places.add(new Place(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
    }
    return of(places);
  }
}
