package io.captrack.projector.coverage;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.bson.BsonWriter;
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

  /**
   * The same document as {@link #encode}, written straight to {@code writer} (an array's next
   * value): no document is built on the way.
   */
  public void write(BsonWriter writer, CloudEvent<?> e) {
    writer.writeStartDocument();
    writer.writeString("id", e.id());
    writer.writeString("source", e.source());
    writer.writeString("type", e.type().name());
    writer.writeString("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time()));
    if (e.subject() == null) {
      writer.writeNull("subject");
    } else {
      writer.writeString("subject", e.subject());
    }
    writer.writeString("recordedAt", e.recordedAt().toString());
    writer.writeString("data", new String(codec.data(e.data()), StandardCharsets.UTF_8));
    writer.writeEndDocument();
  }

  public CloudEvent<?> decode(Document d) {
    return codec.decode(
        d.getString("type"),
        d.getString("id"),
        d.getString("source"),
        Rfc3339.offsetDateTime(d.getString("time")),
        d.getString("subject"),
        Rfc3339.instant(d.getString("recordedAt")),
        d.getString("data").getBytes(StandardCharsets.UTF_8));
  }
}
