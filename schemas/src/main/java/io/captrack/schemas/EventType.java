package io.captrack.schemas;

/**
 * One event type of the catalogue.
 *
 * @param name the CloudEvents type, {@code captrack.<domain>.<event>.v<N>}
 * @param payload the record that carries its data
 * @param topic the topic it travels on
 * @param schema the JSON Schema's file name under {@code captrack/schemas/}
 */
public record EventType<T>(String name, Class<T> payload, Topic topic, String schema) {

  /** The class-path location of the JSON Schema. */
  public String schemaResource() {
    return "captrack/schemas/" + schema;
  }
}
