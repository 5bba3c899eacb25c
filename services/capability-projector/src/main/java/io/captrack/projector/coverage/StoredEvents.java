package io.captrack.projector.coverage;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.bson.Document;

/**
 * How an event is kept inside a person's or partner's document: its CloudEvents attributes as
 * fields and its data as the JSON text it arrived with, so it reads back through the same codec.
 */
public final class StoredEvents {

  private final CloudEventCodec codec;

  public StoredEvents(CloudEventCodec codec) {
    this.codec = codec;
  }

  public Document encode(CloudEvent<?> e) {
    return new Document("id", e.id())
        .append("source", e.source())
        .append("type", e.type().name())
        .append("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time()))
        .append("subject", e.subject())
        .append("recordedAt", e.recordedAt().toString())
        .append("data", new String(codec.data(e.data()), StandardCharsets.UTF_8));
  }

  public CloudEvent<?> decode(Document d) {
    return codec.decode(
        d.getString("type"),
        d.getString("id"),
        d.getString("source"),
        OffsetDateTime.parse(d.getString("time")),
        d.getString("subject"),
        Instant.parse(d.getString("recordedAt")),
        d.getString("data").getBytes(StandardCharsets.UTF_8));
  }
}
