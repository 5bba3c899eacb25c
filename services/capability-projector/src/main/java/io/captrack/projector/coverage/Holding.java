package io.captrack.projector.coverage;

import io.captrack.schemas.Channel;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one person holds of one capability. Each source partition keeps its own entry (the highest
 * level it asserted, and the offset of the last record it applied), so a redelivered record is
 * recognised and every partition writes only its own entry.
 */
final class Holding {

  /** One partition's assertion: its highest level, the channel and day that first reached it. */
  record Source(int level, Channel channel, LocalDate since, long offset) {}

  /** What the holding adds to its capability's figures. */
  record Contribution(int level, Channel channel) {}

  private final String personRef;
  private final String capabilityId;
  private final Map<String, Source> sources;

  Holding(String personRef, String capabilityId, Map<String, Source> sources) {
    this.personRef = personRef;
    this.capabilityId = capabilityId;
    this.sources = new LinkedHashMap<>(sources);
  }

  static String id(String capabilityId, String personRef) {
    return capabilityId + "|" + personRef;
  }

  String id() {
    return id(capabilityId, personRef);
  }

  String personRef() {
    return personRef;
  }

  String capabilityId() {
    return capabilityId;
  }

  Map<String, Source> sources() {
    return Map.copyOf(sources);
  }

  /**
   * Applies an assertion from the record at {@code offset} of {@code partition}. Returns false when
   * that record was applied already.
   */
  boolean apply(String partition, long offset, int level, Channel channel, LocalDate since) {
    Source current = sources.get(partition);
    if (current != null && current.offset() >= offset) {
      return false;
    }
    boolean raises = current == null || level > current.level();
    boolean earlier =
        current != null && level == current.level() && since.isBefore(current.since());
    sources.put(
        partition,
        raises || earlier
            ? new Source(level, channel, since, offset)
            : new Source(current.level(), current.channel(), current.since(), offset));
    return true;
  }

  /** The highest level over all sources, with the channel that reached it first. */
  Optional<Contribution> contribution() {
    return sources.values().stream()
        .filter(s -> s.level() >= 1)
        .max(
            Comparator.comparingInt(Source::level)
                .thenComparing(Source::since, Comparator.reverseOrder())
                .thenComparing(s -> s.channel().name(), Comparator.reverseOrder()))
        .map(s -> new Contribution(s.level(), s.channel()));
  }
}
