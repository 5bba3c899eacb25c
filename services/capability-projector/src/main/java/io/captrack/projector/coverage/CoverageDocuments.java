package io.captrack.projector.coverage;

import com.mongodb.client.model.Updates;
import io.captrack.projector.timeline.Calendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/** A capability's coverage document: read into a {@link CapabilityState}, and a batch's update. */
final class CoverageDocuments {

  private CoverageDocuments() {}

  /** A batch's changes to one capability document: counters, positions, targets. */
  static Bson update(CapabilityState c, Instant now) {
    List<Bson> updates = new ArrayList<>();
    c.added()
        .changes()
        .forEach(
            (day, counters) ->
                counters.forEach(
                    (k, v) -> updates.add(Updates.inc("calendar." + day + "." + k, v))));
    c.touchedPositions().forEach((p, o) -> updates.add(Updates.max("applied." + p, o)));
    c.addedTargets()
        .forEach(
            (eventId, t) ->
                updates.add(
                    Updates.set(
                        "targets." + eventId.replace('.', '_'),
                        new Document("from", t.from().toString())
                            .append("recordedAt", t.recordedAt())
                            .append("level", t.target().level())
                            .append("headcount", t.target().headcount())
                            .append("fteCenti", t.target().fteCenti()))));
    updates.add(Updates.set("updatedAt", Date.from(now)));
    return Updates.combine(updates);
  }

  static CapabilityState state(Document d) {
    Map<String, Long> applied = new HashMap<>();
    d.get("applied", new Document()).forEach((k, v) -> applied.put(k, ((Number) v).longValue()));
    Document t = d.get("target", Document.class);
    CapabilityState.Target target =
        t == null
            ? null
            : new CapabilityState.Target(
                t.getInteger("level"),
                t.getInteger("headcount"),
                Math.round(((Number) t.get("fte")).doubleValue() * 100));
    Map<String, CapabilityState.DatedTarget> targets = new HashMap<>();
    d.get("targets", new Document())
        .forEach(
            (id, v) -> {
              Document x = (Document) v;
              targets.put(
                  id,
                  new CapabilityState.DatedTarget(
                      LocalDate.parse(x.getString("from")),
                      x.getString("recordedAt"),
                      new CapabilityState.Target(
                          x.getInteger("level"),
                          x.getInteger("headcount"),
                          ((Number) x.get("fteCenti")).longValue())));
            });
    return new CapabilityState(
        d.getString("_id"), calendar(d.get("calendar", new Document())), applied, target, targets);
  }

  static Calendar calendar(Document stored) {
    Calendar calendar = new Calendar();
    stored.forEach(
        (day, counters) ->
            ((Document) counters)
                .forEach(
                    (k, v) -> calendar.put(LocalDate.parse(day), k, ((Number) v).longValue())));
    return calendar;
  }
}
