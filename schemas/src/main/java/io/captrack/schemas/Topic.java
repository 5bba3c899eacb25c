package io.captrack.schemas;

import java.util.List;
import java.util.Map;

/**
 * A Kafka topic of the catalogue.
 *
 * @param name the topic name
 * @param key what the record key holds (the aggregate id)
 * @param partitions the partition count captrack creates it with
 */
public record Topic(String name, String key, int partitions) {

  /** The dead-letter topic for records of this topic that cannot be read. */
  public String deadLetter() {
    return name + ".dlt";
  }

  /**
   * Broker settings captrack creates the topic with: the event topics are the source of truth (a
   * rebuild replays them from offset 0), so they keep every record.
   */
  public Map<String, String> configs() {
    return Topics.SOURCES.contains(this)
        ? Map.of("retention.ms", "-1", "retention.bytes", "-1")
        : Map.of();
  }

  /** The event types that travel on this topic. */
  public List<EventType<?>> eventTypes() {
    return EventTypes.ALL.stream().filter(t -> t.topic().equals(this)).toList();
  }
}
